import ArgumentParser
import InquestCore

struct ResolveCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "End a conflict: write the chosen value into the field and remove the conflict.",
        discussion: """
            FIELD is the conflict's field as `inquest conflicts` shows it (a section may be named \
            without its section: prefix). --ours and --theirs take the values listed under OURS and \
            THEIRS; --value gives your own. For `record` (deleted on one side, edited on the other) \
            the values are deleted and edited. One commit.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The record's ID or a unique prefix.") var id: String
    @Argument(help: "The conflicting field.") var field: String
    @Flag(help: "Keep the value listed as ours.") var ours = false
    @Flag(help: "Keep the value listed as theirs.") var theirs = false
    @Option(help: "Write this value instead.") var value: String?
    @OptionGroup var signing: SigningOptions

    func validate() throws {
        let chosen = (ours ? 1 : 0) + (theirs ? 1 : 0) + (value == nil ? 0 : 1)
        guard chosen == 1 else { throw ValidationError("choose exactly one of --ours, --theirs or --value V") }
    }

    func run(in ctx: Context) throws {
        let choice: ResolveChoice = ours ? .ours : theirs ? .theirs : .value(value ?? "")
        let pm = try ctx.postmortems(global, signing: signing)
        let rid = try pm.resolve(id, field: field, choice)
        ctx.err.line("\(rid): \(field) resolved.")
    }
}
