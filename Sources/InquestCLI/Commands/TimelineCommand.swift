import ArgumentParser
import InquestCore

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Add events to an incident's timeline, or delete one.",
        subcommands: [TimelineAdd.self, TimelineDelete.self])
}

struct TimelineAdd: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a timeline event; prints its ID.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or prefix.") var id: String
    @Argument(help: "What happened (several words are joined).") var text: [Text]
    @Option(help: "When (ISO 8601; a date alone when only the day is known; or now; default now).") var at: String = "now"
    @Option(help: "Its place among the same day's events, when their times cannot order them (default: after them).")
    var order: Int?
    @Option(help: "detection, escalation, action, decision, communication, containment, eradication, recovery, attacker-activity, observation.")
    var kind: String = "observation"
    @Option(help: "A link or path backing it, optionally followed by ' sha256:HEX' (repeatable).")
    var evidence: [Text] = []
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let when = try ctx.parseTime(at, field: "at")
        let k = try ctx.parseWord(kind, EventKind.self, field: "kind")
        let pm = try ctx.postmortems(global, signing: signing)
        if let order, order < 1 { throw InquestError.invalid("order: must be 1 or more") }
        let eventID = try pm.addEvent(id, at: when, kind: k, text: text.joined, evidence: evidence.map(\.value), order: order)
        ctx.out.line(eventID.description)
    }
}

struct TimelineDelete: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a timeline event.",
        discussion: """
            Refused once the incident is approved or closed. If someone changed it meanwhile, \
            the next sync keeps their version as a conflict on `record`.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Event ID or prefix.") var id: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let deleted = try pm.deleteEvent(id.uppercased().hasPrefix("EV-") ? id : "EV-" + id)
        ctx.err.line("\(deleted) deleted.")
    }
}
