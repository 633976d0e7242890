import ArgumentParser
import InquestCore

struct VerifyCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check each commit's signature against the trust roots on the branch.",
        discussion: """
            Each commit is good, bad, unsigned or untrusted, judged against the trust roots in force \
            at its first parent, with no personal keyring. Exit 1 when a commit is bad, or when \
            .inquest/policy.yml sets require_signed: true and a commit is not good.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A range A..B (A.. means up to the tip), or a revision and its history (default: the whole branch).")
    var range: String?
    @Flag(help: "Output JSON.") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        let report = try pm.verify(range: range)
        if json {
            ctx.out.write(SignatureJSON.verify(report).rendered())
        } else {
            ctx.out.write(SignatureText.verify(report))
        }
        let counts = SignatureCheck.State.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        ctx.err.line("\(plural(report.commits.count, "commit")): \(counts) (require_signed: \(report.requireSigned))")
        if !report.ok {
            for c in report.failures {
                ctx.err.line("error: commit \(String(c.commit.prefix(10))): signature: \(c.signature.state.rawValue)"
                             + (c.signature.reason.map { ": \($0)" } ?? ""))
            }
            throw ExitCode(1)
        }
    }
}
