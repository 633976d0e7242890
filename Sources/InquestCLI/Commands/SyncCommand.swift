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
        // A clone that never ran `init` still gets the driver, so `git merge` agrees with sync.
        _ = try? pm.registerMergeDriver(executable: ctx.executablePath, onlyIfMissing: true)
        let report = try pm.sync(remote: remote) { ctx.err.line($0) }
        for note in report.notes { ctx.err.line("warning: \(note)") }
        let remoteBranch = "\(report.remote)/\(report.branch)"
        switch report.outcome {
        case .upToDate, .fastForwarded: break
        case .published: ctx.err.line("Published '\(report.branch)' to \(report.remote).")
        case .pushed: ctx.err.line("Pushed '\(report.branch)' to \(report.remote).")
        case .merged:
            let n = report.mergedRecords.count
            ctx.err.line("Merged \(remoteBranch): \(n) record\(n == 1 ? "" : "s") changed here; pushed.")
        }
        if !report.conflicts.isEmpty {
            let n = report.conflicts.count
            ctx.err.line("\(n) new conflict\(n == 1 ? "" : "s") recorded:")
            for c in report.conflicts { ctx.err.line("  \(c.record) \(c.conflict.field)") }
            ctx.err.line("See them with `inquest conflicts`; end each with `inquest resolve ID FIELD --ours|--theirs|--value V`.")
        }
    }
}
