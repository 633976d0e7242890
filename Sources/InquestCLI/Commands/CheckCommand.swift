import ArgumentParser
import InquestCore

struct CheckCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check incidents against the schema and the branch's policy.",
        discussion: """
            Prints every problem on its own line, naming the record and field, and exits 1 if \
            there are any. With --range A..B, checks the incidents that the commits from A to B \
            changed, as they are at B (for a CI job on a pull request to the postmortems branch).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incidents to check (default: all).") var ids: [String] = []
    @Option(help: ArgumentHelp("Check what the commits A..B changed.", valueName: "A..B")) var range: String?

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        if range != nil && !ids.isEmpty { throw InquestError.invalid("give either incident IDs or --range, not both") }
        let report = try range.map { try pm.check(range: $0) } ?? pm.check(ids)
        for p in report.problems { ctx.out.line(p.description) }
        let checked = plural(report.checked, "incident")
        if report.ok {
            ctx.err.line("Checked \(checked): no problems.")
        } else {
            ctx.err.line("Checked \(checked): \(plural(report.problems.count, "problem")).")
            throw ExitCode(1)
        }
    }
}
