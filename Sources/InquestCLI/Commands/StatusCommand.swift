import ArgumentParser
import InquestCore

struct StatusCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Move an incident along open -> resolved -> review -> approved -> closed.",
        discussion: "Forward one step at a time; any earlier status reopens it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or prefix.") var id: String
    @Argument(help: "The new status.") var state: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let target = try ctx.parseWord(state, IncidentStatus.self, field: "status")
        let pm = try ctx.postmortems(global, signing: signing)
        guard let change = try pm.setStatus(id, target) else {
            ctx.err.line("\(id) is already \(target.rawValue).")
            return
        }
        ctx.err.line("\(change.id): \(change.from.rawValue) -> \(change.to.rawValue)")
        if let t = change.filledResolved { ctx.err.line("\(change.id): resolved time set to \(t)") }
    }
}
