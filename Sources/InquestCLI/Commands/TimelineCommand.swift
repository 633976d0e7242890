import ArgumentParser
import InquestCore

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Add events to an incident's timeline.",
        subcommands: [TimelineAdd.self])
}

struct TimelineAdd: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a timeline event; prints its ID.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or prefix.") var id: String
    @Argument(help: "What happened (several words are joined).") var text: [Text]
    @Option(help: "When (ISO 8601, a date, or now; default now).") var at: String = "now"
    @Option(help: "detection, escalation, action, decision, communication, containment, eradication, recovery, attacker-activity, observation.")
    var kind: String = "observation"
    @Option(help: "A link or path backing it, optionally followed by ' sha256:HEX' (repeatable).")
    var evidence: [Text] = []
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let when = try ctx.parseTime(at, field: "at")
        let k = try ctx.parseWord(kind, EventKind.self, field: "kind")
        let pm = try ctx.postmortems(global, signing: signing)
        let eventID = try pm.addEvent(id, at: when, kind: k, text: text.joined, evidence: evidence.map(\.value))
        ctx.out.line(eventID.description)
    }
}
