import Foundation

/// One moment in an incident's timeline. Each is its own file so two people adding events
/// at once never touch the same file.
public struct TimelineEvent: Record {
    public static let kind = RecordKind.event

    public var id: RecordID
    public var incident: RecordID
    public var at: Timestamp
    public var eventKind: EventKind
    public var evidence: [String]
    public var text: String
    /// Unresolved concurrent edits, kept until resolved.
    public var conflicts: [FieldConflict] = []
    public var extra: [YAMLPair]

    public init(id: RecordID, incident: RecordID, at: Timestamp, kind: EventKind, text: String) {
        self.id = id
        self.incident = incident
        self.at = at
        self.eventKind = kind
        self.evidence = []
        self.text = text
        self.extra = []
    }

    public init(file: RecordFile, path: String) throws {
        var r = FieldReader(file: file, path: path, record: declaredID(file))
        let id = r.id("id", kind: .event)
        if id == nil && file["id"]?.isNull ?? true { r.fail("id", "is missing") }
        let incident = r.id("incident", kind: .incident)
        let at = r.timestamp("at")
        if at == nil && file["at"]?.isNull ?? true { r.fail("at", "is missing") }
        let kind = r.word("kind", EventKind.self) ?? .observation
        let evidence = r.list("evidence")
        let conflicts = FieldConflict.read(&r)
        try r.finish()
        self.conflicts = conflicts
        self.id = id!
        self.incident = incident ?? Layout.incidentID(inPath: path) ?? id!
        self.at = at!
        self.eventKind = kind
        self.evidence = evidence
        self.text = file.body.trimmedBlock
        self.extra = r.extras
    }

    public func file() -> RecordFile {
        var w = FieldWriter()
        w.text("id", id.description)
        w.text("incident", incident.description)
        w.text("at", at.description)
        w.text("kind", eventKind.rawValue)
        w.optionalList("evidence", evidence)
        FieldConflict.write(conflicts, &w)
        w.extras(extra)
        return RecordFile(frontMatter: w.pairs, body: text)
    }
}
