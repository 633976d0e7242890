import ArgumentParser
import InquestCore

struct ApproveCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Sign off an incident's postmortem: a signed commit recording who approved, with which key.",
        discussion: "Always signed, whatever commit.gpgsign says. It counts for the policy's sign-off only when the commit verifies against the trust roots and you are not the incident's author.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or prefix.") var id: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.signedPostmortems(global, signing: signing, command: "approve")
        let outcome = try pm.approve(id)
        let a = outcome.approval
        if outcome.recorded {
            ctx.err.line("\(outcome.incident): approved by \(a.by) <\(a.email)> with key \(a.key).")
        } else {
            ctx.err.line("\(outcome.incident) already holds this approval.")
        }
        if !outcome.gateProblems.isEmpty {
            ctx.err.line("note: the incident is not yet signed off by someone other than its author:")
            for p in outcome.gateProblems { ctx.err.line("  \(p.message)") }
        }
    }
}
