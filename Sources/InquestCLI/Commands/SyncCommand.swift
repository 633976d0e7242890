import ArgumentParser
import InquestCore

struct SyncCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the data branch, merge it record by record, and push the result.",
        discussion: """
            REMOTE defaults to the branch's upstream remote (branch.<branch>.remote), else origin. \
            Fetch and push run your git executable, so ssh config and credential helpers apply. \
            Concurrent changes to different fields merge; two different changes to one field are kept \
            as a conflict in the record (see `inquest conflicts`). Exit 4 when the remote cannot be \
            reached or refuses the push; your local branch keeps everything.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote to sync with.") var remote: String?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        try pm.store.refuseReadOnly()
        // A clone that never ran `init` still gets the driver, so `git merge` agrees with sync.
        _ = try? pm.registerMergeDriver(executable: ctx.executablePath, onlyIfMissing: true)
        let report = try pm.sync(remote: remote) { ctx.err.line($0) }
        MergeSummary.print(report, source: "\(report.remote)/\(report.branch)", pushed: true, to: ctx.err)
    }
}
