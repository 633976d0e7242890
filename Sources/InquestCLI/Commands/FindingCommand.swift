import ArgumentParser
import InquestCore

struct FindingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finding",
        abstract: "Record findings of an incident.",
        subcommands: [FindingAdd.self])
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
