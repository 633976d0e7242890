import ArgumentParser
import InquestCore

struct FixUnpushedCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix-unpushed",
        abstract: "Make the data branch's unpushed commits again, signed as configured, to mend a refused push.",
        discussion: """
            When the server refuses a push because commits are unsigned (require_signed), turn \\
            signing on (`git config commit.gpgsign true`, or --sign) and run this: each commit \\
            that REMOTE (default: the branch's upstream, else origin) does not have is made \\
            again with the same tree, message and author, signed, merges kept; commits the \\
            remote has are never touched. Then `inquest sync`. A refusal for missing content \\
            (a gate, a field) is mended with ordinary writes on top instead.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote whose copy counts as pushed.") var remote: String?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let report = try pm.fixUnpushed(remote: remote)
        let how = pm.signer == nil ? "unsigned (signing is off)" : "signed"
        ctx.err.line("Made \(plural(report.rewritten, "unpushed commit")) of '\(pm.branch)' again, \(how): "
                     + "\(report.oldTip.description.prefix(10)) -> \(report.newTip.description.prefix(10)). Push with `inquest sync \(report.remote)`.")
    }
}
