import ArgumentParser
import InquestCore

struct CheckCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check incidents against the schema and the branch's policy.",
        discussion: """
            Prints every problem on its own line, naming the record and field, and exits 1 if \
            there are any. With --range, checks the incidents that the range changed, as they are \
            at its end, and says (on stderr) the highest status each could move to: A...B is what a \
            pull request from B into A changes (from their merge base), A..B compares A with B, and \
            one revision checks what that commit changed. With --as STATUS, checks against the gates \
            of STATUS instead of each incident's own ("would this pass review?").
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incidents to check (default: all).") var ids: [String] = []
    @Option(help: ArgumentHelp("Check what a range changed: A...B, A..B or REV.", valueName: "range")) var range: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("Check against the gates of this status.", valueName: "status"))
    var target: String?
    @Flag(help: "Output JSON.") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        defer { ctx.printStats() }
        if range != nil && !ids.isEmpty { throw InquestError.invalid("give either incident IDs or --range, not both") }
        let status = try target.map { try ctx.parseWord($0, IncidentStatus.self, field: "--as") }
        let report = try range.map { try pm.check(range: $0, as: status) } ?? pm.check(ids, as: status)
        if json {
            ctx.out.write(ReviewJSON.check(report).rendered())
        } else {
            for p in report.problems { ctx.out.line(p.description) }
        }
        if report.policyChanged {
            ctx.err.line("note: this range changes .inquest/policy.yml; the incidents it touches were checked against the policy before and after it")
        }
        for r in report.readiness { ctx.err.line(ReviewText.readiness(r)) }
        let checked = plural(report.checked, "incident")
        let against = status.map { " against the gates of \($0.rawValue)" } ?? ""
        if report.ok {
            ctx.err.line("Checked \(checked)\(against): no problems.")
        } else {
            ctx.err.line("Checked \(checked)\(against): \(plural(report.problems.count, "problem")).")
            throw ExitCode(1)
        }
    }
}
