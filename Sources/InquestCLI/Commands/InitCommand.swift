import ArgumentParser
import InquestCore

struct InitCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the postmortems branch (policy, attributes, README) in this repository.",
        discussion: """
            Works in bare repositories and in repositories with no commits yet. Touches no checkout. \
            Also registers `inquest merge-driver` as git's `inquest` merge driver in this repository's config. \
            When signing is on, the signing key becomes the first trust root (see `inquest trust`).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        if try pm.initialize() {
            ctx.err.line("Initialized the '\(pm.branch)' branch.")
            if pm.signer != nil, let root = try pm.trustRoots().entries.first {
                ctx.err.line("First trust root: \(root.key.format.rawValue) key \(root.key.fingerprint) of \(root.key.owner).")
            }
        } else {
            ctx.err.line("The '\(pm.branch)' branch is already initialized.")
        }
        do {
            try pm.registerMergeDriver(executable: ctx.executablePath)
        } catch let e as InquestError {
            // The branch is made; a plain `git merge` would just merge records as text.
            ctx.err.line("warning: \(e.lines.joined(separator: " "))")
        }
    }
}
