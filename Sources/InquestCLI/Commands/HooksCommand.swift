import ArgumentParser
import Foundation
import InquestCore

struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install or remove Inquest's git hooks.",
        subcommands: [HooksInstall.self, HooksUninstall.self])
}

struct HooksInstall: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the client hooks (pre-push, pre-commit, commit-msg), or the server hook with --server.",
        discussion: """
            Honours core.hooksPath. A hook you already had is kept as NAME.pre-inquest and still \
            runs first. Installing twice changes nothing; `inquest hooks uninstall` undoes it.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Install the server-side pre-receive hook (for the bare repository teams push to).")
    var server = false

    func run(in ctx: Context) throws {
        let installer = try ctx.hookInstaller(global)
        let binary = Context.executablePath
        // The merge driver belongs with the hooks: `git merge` on the branch then merges by record.
        if try ctx.postmortems(global).registerMergeDriver(executable: binary) {
            ctx.err.line("registered the inquest merge driver in this repository's git config")
        }
        for name in server ? HookInstaller.serverHooks : HookInstaller.clientHooks {
            switch try installer.install(name, binary: binary) {
            case .installed: ctx.err.line("installed \(installer.directory)/\(name)")
            case .keptExisting: ctx.err.line("installed \(installer.directory)/\(name) (your hook runs first, kept as \(name).pre-inquest)")
            case .unchanged: ctx.err.line("\(installer.directory)/\(name) is already installed")
            }
        }
    }
}

struct HooksUninstall: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove Inquest's hooks and put back the ones they replaced.")

    @OptionGroup var global: GlobalOptions

    func run(in ctx: Context) throws {
        let installer = try ctx.hookInstaller(global)
        var removed = 0
        for name in HookInstaller.clientHooks + HookInstaller.serverHooks where try installer.uninstall(name) {
            ctx.err.line("removed \(installer.directory)/\(name)")
            removed += 1
        }
        if removed == 0 { ctx.err.line("no Inquest hooks in \(installer.directory)") }
    }
}
