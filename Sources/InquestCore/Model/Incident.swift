import Foundation

/// An incident: who, what, when, and the narrative of its postmortem.
public struct Incident: Record {
    public static let kind = RecordKind.incident

    public var id: RecordID
    public var title: String
    public var severity: Severity
    public var status: IncidentStatus
    public var customerImpact: Bool
    public var dataBreach: Bool
    public var owner: String?
    /// When the record was made; decides the shard folder.
    public var created: Timestamp
    public var started: Timestamp?
    public var detected: Timestamp?
    public var contained: Timestamp?
    public var resolved: Timestamp?
    /// Times the team stated as `unknown`: answered (the policy counts them as given), but
    /// with no value, so no duration is computed from them.
    public var unknownTimes: Set<String> = []
    public var tags: [String]
    public var sections: Sections
    /// Signed sign-offs (`inquest approve`), oldest first.
    public var approvals: [Approval] = []
    /// Unresolved concurrent edits, kept until resolved.
    public var conflicts: [FieldConflict] = []
    /// Front-matter keys Inquest does not know, kept in the order written.
    public var extra: [YAMLPair]

    public init(id: RecordID, title: String, severity: Severity, created: Timestamp) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = .open
        self.customerImpact = false
        self.dataBreach = false
        self.created = created
        self.tags = []
        self.sections = .template()
        self.extra = []
    }

    /// The times in the order an incident lives through them.
    public static let timeFields = ["started", "detected", "contained", "resolved"]

    /// A time as written: the time, `unknown`, or nil when not given.
    public func timeText(_ field: String) -> String? {
        time(field)?.description ?? (unknownTimes.contains(field) ? Self.unknownWord : nil)
    }

    public static let unknownWord = "unknown"

    public func time(_ field: String) -> Timestamp? {
        switch field {
        case "started": return started
        case "detected": return detected
        case "contained": return contained
        case "resolved": return resolved
        default: return nil
        }
    }

    public init(file: RecordFile, path: String) throws {
        var r = FieldReader(file: file, path: path, record: declaredID(file))
        let id = r.id("id", kind: .incident)
        if id == nil && file["id"]?.isNull ?? true { r.fail("id", "is missing") }
        let title = r.text("title", required: true)
        let severity = r.word("severity", Severity.self, required: true)
        let status = r.word("status", IncidentStatus.self, required: true)
        let customerImpact = r.bool("customer_impact") ?? false
        let dataBreach = r.bool("data_breach") ?? false
        let owner = r.text("owner")
        let created = r.timestamp("created")
        var unknown = Set<String>()
        let started = r.timeOrUnknown("started", &unknown)
        let detected = r.timeOrUnknown("detected", &unknown)
        let contained = r.timeOrUnknown("contained", &unknown)
        let resolved = r.timeOrUnknown("resolved", &unknown)
        let tags = r.list("tags")
        let approvals = Approval.read(&r)
        let conflicts = FieldConflict.read(&r)
        try r.finish()
        self.conflicts = conflicts
        self.id = id!
        self.title = title!
        self.severity = severity!
        self.status = status!
        self.customerImpact = customerImpact
        self.dataBreach = dataBreach
        self.owner = owner
        self.created = created ?? started ?? Timestamp(seconds: 0)
        self.started = started
        self.detected = detected
        self.contained = contained
        self.resolved = resolved
        self.unknownTimes = unknown
        self.tags = tags
        self.approvals = approvals
        self.sections = Sections.parse(file.body)
        self.extra = r.extras
    }

    public func file() -> RecordFile {
        var w = FieldWriter()
        w.text("id", id.description)
        w.text("title", title)
        w.text("severity", severity.rawValue)
        w.text("status", status.rawValue)
        w.bool("customer_impact", customerImpact)
        w.bool("data_breach", dataBreach)
        w.text("owner", owner)
        w.text("created", created.description)
        for field in Self.timeFields { w.text(field, timeText(field)) }
        w.list("tags", tags)
        Approval.write(approvals, &w)
        FieldConflict.write(conflicts, &w)
        w.extras(extra)
        return RecordFile(frontMatter: w.pairs, body: sections.render())
    }
}
