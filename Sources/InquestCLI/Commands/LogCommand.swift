import ArgumentParser
import InquestCore

struct LogCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The audit trail: who changed which field, when, from what to what, and the signature state.",
        discussion: """
            Each commit is compared with its first parent (a merge too). With an ID, the incident with \
            its timeline, findings and follow-ups; without, the whole branch. Values are cut at one \
            line unless --full; follow-up review notes show as `review note: DATE REVIEWER: NOTE`.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or prefix (default: every incident and branch file).") var id: String?
    @Option(help: ArgumentHelp("Only the commits of a range: A...B, A..B, or REV and its history.", valueName: "range"))
    var range: String?
    @Flag(help: "Every value in full, long text (sections, narratives) as a line diff.") var full = false
    @Flag(help: "Output JSON.") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        let entries = try pm.auditLog(id, range: range)
        if json {
            ctx.out.write(SignatureJSON.log(entries).rendered())
        } else if entries.isEmpty {
            ctx.err.line("No changes.")
        } else {
            ctx.out.write(SignatureText.log(entries, full: full))
        }
    }
}
