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
    /// Its place among the events of the same day, when their times cannot order them (a
    /// time known only to the day, or the same minute): the order they were entered, or an
    /// explicit `--order`. Written only when set.
    public var order: Int?
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
        let order = r.integer("order")
        let evidence = r.list("evidence")
        let conflicts = FieldConflict.read(&r)
        try r.finish()
        self.conflicts = conflicts
        self.id = id!
        self.incident = incident ?? Layout.incidentID(inPath: path) ?? id!
        self.at = at!
        self.eventKind = kind
        self.order = order
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
        if let order { w.text("order", String(order)) }
        w.optionalList("evidence", evidence)
        FieldConflict.write(conflicts, &w)
        w.extras(extra)
        return RecordFile(frontMatter: w.pairs, body: text)
    }
}

extension TimelineEvent {
    /// Timeline order: by day; within a day, events placed by `order` (entered, or given)
    /// after those without, then by time, then by ID.
    public static func chronological(_ a: TimelineEvent, _ b: TimelineEvent) -> Bool {
        (a.at.day.days, a.order ?? 0, a.at.seconds, a.id) < (b.at.day.days, b.order ?? 0, b.at.seconds, b.id)
    }

    /// The `order` a new event at `at` gets among `existing`, when its time cannot place it:
    /// after every event of that day, if the day already has events and either this time or
    /// one of theirs is known only to the day, or equal to it. Nil when times suffice.
    public static func entryOrder(at: Timestamp, among existing: [TimelineEvent]) -> Int? {
        let sameDay = existing.filter { $0.at.day == at.day }
        if sameDay.isEmpty { return at.isDayOnly ? 1 : nil }
        guard
              at.isDayOnly || sameDay.contains(where: { $0.at.isDayOnly || $0.at == at }) else { return nil }
        return sameDay.map { $0.order ?? 0 }.max()! + 1
    }
}
