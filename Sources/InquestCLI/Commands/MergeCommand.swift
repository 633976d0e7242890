import ArgumentParser
import InquestCore

struct MergeCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge another ref of postmortems into the data branch, record by record.",
        discussion: """
            REF is any branch, remote-tracking branch, tag or commit of postmortems (such as \
            origin/review/oidc-findings after a `git fetch`). The merge is the one `inquest sync` \
            makes: fields merge independently, two different changes to one field are kept as a \
            conflict in the record (see `inquest conflicts`), and the merge commit is signed when \
            signing is on. No worktree is used and nothing is pushed (`inquest sync` publishes it). \
            With --dry-run, prints the `inquest diff` the merge would make and changes nothing.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ref to merge.") var ref: String
    @Flag(help: "Show what the merge would change; write nothing.") var dryRun = false
    @Option(help: ArgumentHelp("With --dry-run: text, markdown or json.", valueName: "format")) var format: DiffFormat = .text
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let (report, preview) = try pm.merge(ref, dryRun: dryRun) { ctx.err.line($0) }
        if let preview {
            ctx.out.write(format.render(preview))
            if report.outcome == .merged {
                let n = report.conflicts.count
                ctx.err.line("Dry run: merging \(ref) would change \(report.mergedRecords.count) record(s) here and record \(n) conflict\(n == 1 ? "" : "s"); nothing was written.")
            } else {
                ctx.err.line("Dry run: \(report.outcome == .upToDate ? "already up to date" : "would fast-forward") to \(ref); nothing was written.")
            }
            return
        }
        MergeSummary.print(report, source: ref, pushed: false, to: ctx.err)
    }
}
