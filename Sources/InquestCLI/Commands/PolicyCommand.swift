import ArgumentParser
import Foundation
import InquestCore

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show or edit the branch's policy (.inquest/policy.yml) without a checkout.",
        subcommands: [PolicyShow.self, PolicyEdit.self])
}

struct PolicyShow: ContextCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print .inquest/policy.yml.")

    @OptionGroup var global: GlobalOptions

    func run(in ctx: Context) throws {
        ctx.out.write(try ctx.postmortems(global).policyText())
    }
}

struct PolicyEdit: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit .inquest/policy.yml in your editor; one commit.",
        discussion: """
            The edited policy is read by the same strict parser every check uses before it is \\
            committed: an unknown setting or a wrong type is refused, naming the line, and your \\
            text is kept in a file whose path is printed.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let original = try pm.policyText()
        try Editor.edit(Data(original.utf8), named: "policy.yml", ctx: ctx, pm: pm) { data in
            let edited = String(decoding: data, as: UTF8.self)
            ctx.err.line(try pm.replacePolicy(original: original, edited: edited) ? "Policy updated." : "No changes.")
        }
    }
}
