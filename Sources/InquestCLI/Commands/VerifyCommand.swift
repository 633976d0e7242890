import ArgumentParser
import InquestCore

struct VerifyCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check each commit's signature against the trust roots on the branch.",
        discussion: """
            Each commit is good, bad, unsigned or untrusted, judged against the trust roots in force \
            at its first parent, with no personal keyring. Commits made before the first trust root \
            are counted apart as pre-trust and never fail. Exit 1 when a commit is bad, or when \
            .inquest/policy.yml sets require_signed: true and a commit is not good. See docs/trust.md.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A range A..B (A.. means up to the tip), or a revision and its history (default: the whole branch).")
    var range: String?
    @Flag(help: "Output JSON.") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        defer { ctx.printStats() }
        let report = try pm.store.explainingShallow("verify") { try pm.verify(range: range) }
        if json {
            ctx.out.write(SignatureJSON.verify(report).rendered())
        } else {
            ctx.out.write(SignatureText.verify(report))
        }
        let counts = SignatureCheck.State.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        let early = report.preTrust.isEmpty ? "" : ", \(report.preTrust.count) pre-trust"
        ctx.err.line("\(plural(report.commits.count, "commit")): \(counts)\(early) (require_signed: \(report.requireSigned))")
        if !report.ok {
            for c in report.failures {
                ctx.err.line("error: commit \(String(c.commit.prefix(10))): signature: \(c.signature.state.rawValue)"
                             + (c.signature.reason.map { ": \($0)" } ?? ""))
            }
            throw ExitCode(1)
        }
    }
}
