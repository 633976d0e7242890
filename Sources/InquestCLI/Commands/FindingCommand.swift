import ArgumentParser
import InquestCore

struct FindingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finding",
        abstract: "Record findings of an incident, or delete one.",
        subcommands: [FindingAdd.self, FindingDelete.self])
}

struct FindingAdd: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a finding; prints its ID.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or prefix.") var id: String
    @Argument(help: "The finding's title (several words are joined).") var title: [Text]
    @Option(help: "technical-lapse, procedural-failure, manual-error, process-flaw, communication-glitch, unknown-attack-vector.")
    var category: String
    @Option(help: "A link or path backing it, optionally followed by ' sha256:HEX' (repeatable).")
    var evidence: [Text] = []
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let c = try ctx.parseWord(category, FindingCategory.self, field: "category")
        let pm = try ctx.postmortems(global, signing: signing)
        let fid = try pm.addFinding(id, category: c, title: title.joined, evidence: evidence.map(\.value))
        ctx.out.line(fid.description)
    }
}

struct FindingDelete: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a finding (and its links from follow-ups, which stay).",
        discussion: """
            Refused once the incident is approved or closed. If someone changed it meanwhile, \
            the next sync keeps their version as a conflict on `record`.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Finding ID or prefix.") var id: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let deleted = try pm.deleteFinding(id.uppercased().hasPrefix("F-") ? id : "F-" + id)
        ctx.err.line("\(deleted) deleted.")
    }
}
