import ArgumentParser
import InquestCore

struct SetCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set fields or sections of any record.",
        discussion: """
            Incident fields: title, severity, customer_impact, data_breach, owner, started, detected, \
            contained, resolved, tags; sections: summary, impact, technical_summary, actors, response, \
            takeaways (add others as section:NAME=TEXT). Lists take FIELD=a,b (replace), FIELD+=x, FIELD-=x. \
            An empty value clears an optional field. Works for timeline events, findings and follow-ups too. \
            Long text: FIELD=@FILE reads a section, narrative or event text from a file, FIELD=@- from \
            standard input; FIELD=@@… is a value that starts with @.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The record's ID or a unique prefix.") var id: String
    @Argument(help: "FIELD=VALUE assignments.") var assignments: [Text]
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let parsed = try LongText.resolve(assignments.map { try Assignment.parse($0.value) }, ctx: ctx, directory: ctx.directory(global))
        let pm = try ctx.postmortems(global, signing: signing)
        try pm.set(id, parsed)
    }
}
