import ArgumentParser
import InquestCore

struct InitCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the postmortems branch (policy, attributes, README) in this repository.",
        discussion: "Works in bare repositories and in repositories with no commits yet. Touches no checkout.")

    @OptionGroup var global: GlobalOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        if try pm.initialize() {
            ctx.err.line("Initialized the '\(pm.branch)' branch.")
        } else {
            ctx.err.line("The '\(pm.branch)' branch is already initialized.")
        }
    }
}
