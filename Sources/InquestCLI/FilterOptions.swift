import ArgumentParser
import InquestCore

/// The filters `list` and `search` share (see docs/index-and-search.md).
struct FilterOptions: ParsableArguments {
    @Option(help: "Only incidents of this severity (sev1..sev4).") var severity: String?
    @Option(help: "Only incidents with this status (open, resolved, review, approved, closed).") var status: String?
    @Option(help: ArgumentHelp("Only incidents with a finding in this category.", valueName: "category"))
    var category: String?
    @Option(help: ArgumentHelp("search: only records of this kind (incident, event, finding, followup); list: only incidents with such a record.",
                               valueName: "kind"))
    var kind: String?
    @Option(help: "Only incidents with this tag.") var tag: String?
    @Option(help: "Only incidents with this owner.") var owner: String?
    @Option(help: ArgumentHelp("Only incidents that started (else were recorded) on or after this date.", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Only incidents that started (else were recorded) on or before this date.", valueName: "date"))
    var until: String?
    @Flag(help: "Only incidents not closed yet.") var open = false

    func filter(_ ctx: Context) throws -> RecordFilter {
        var f = RecordFilter()
        f.severity = try severity.map { try ctx.parseWord($0, Severity.self, field: "--severity") }
        f.status = try status.map { try ctx.parseWord($0, IncidentStatus.self, field: "--status") }
        f.category = try category.map { try ctx.parseWord($0, FindingCategory.self, field: "--category") }
        f.kind = try kind.map(Self.recordKind)
        f.tag = tag
        f.owner = owner
        f.since = try since.map { try ctx.parseDay($0, field: "--since") }
        f.until = try until.map { try ctx.parseDay($0, field: "--until") }
        f.openOnly = open
        return f
    }

    static func recordKind(_ text: String) throws -> RecordKind {
        switch text.lowercased() {
        case "incident", "inc": return .incident
        case "event", "timeline", "ev": return .event
        case "finding", "f": return .finding
        case "followup", "follow-up", "fu": return .followUp
        default:
            throw InquestError.invalid("--kind: '\(text)' is not one of incident, event, finding, followup")
        }
    }
}
