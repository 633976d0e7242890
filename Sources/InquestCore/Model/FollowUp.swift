import Foundation

/// A piece of work that comes out of a postmortem, owned and reviewed until resolved.
public struct FollowUp: Record {
    public static let kind = RecordKind.followUp

    /// One entry of the review log.
    public struct Review: Hashable, Sendable {
        public var date: Timestamp
        public var reviewer: String
        public var note: String?
        /// Keys written by hand inside the entry, kept.
        public var extra: [YAMLPair] = []

        public init(date: Timestamp, reviewer: String, note: String?) {
            self.date = date
            self.reviewer = reviewer
            self.note = note
        }
    }

    public var id: RecordID
    public var incident: RecordID
    public var findings: [String]
    public var followUpKind: FollowUpKind?
    public var title: String
    public var owner: String?
    public var priority: Priority?
    public var due: Day?
    public var status: FollowUpStatus
    public var notDoing: String?
    public var tracker: String?
    public var reviews: [Review]
    /// When it was added (`followup add` writes it); follow-ups written before the field
    /// existed have none, and readers fall back to their incident's creation.
    public var created: Timestamp?
    /// When it last became done or not-doing, so "done this month" and burn-down charts
    /// know when work finished; cleared when it is reopened.
    public var resolvedAt: Timestamp?
    /// Links added by hand with `inquest followup link`: full commit ids and URLs. Commits
    /// found through trailers are not stored; they are read from the code history.
    public var links: [String] = []
    /// For an SOP update: the documents it changes; a fix that touches none of them does
    /// not prove it.
    public var documents: [String] = []
    public var narrative: String
    /// Unresolved concurrent edits, kept until resolved.
    public var conflicts: [FieldConflict] = []
    public var extra: [YAMLPair]

    public init(id: RecordID, incident: RecordID, kind: FollowUpKind, title: String) {
        self.id = id
        self.incident = incident
        self.findings = []
        self.followUpKind = kind
        self.title = title
        self.status = .open
        self.reviews = []
        self.narrative = ""
        self.extra = []
    }

    public func isOverdue(today: Day) -> Bool {
        guard let due, !status.isResolved else { return false }
        return due < today
    }

    /// The date of the latest entry in the review log.
    public var lastReviewed: Timestamp? { reviews.map(\.date).max() }

    public init(file: RecordFile, path: String) throws {
        var r = FieldReader(file: file, path: path, record: declaredID(file))
        let id = r.id("id", kind: .followUp)
        if id == nil && file["id"]?.isNull ?? true { r.fail("id", "is missing") }
        let incident = r.id("incident", kind: .incident)
        let findings = r.list("findings")
        let kind = r.word("kind", FollowUpKind.self)
        let title = r.text("title", required: true)
        let owner = r.text("owner")
        let priority = r.word("priority", Priority.self)
        let due = r.day("due")
        let status = r.word("status", FollowUpStatus.self) ?? .open
        let notDoing = r.text("not_doing")
        let tracker = r.text("tracker")
        let created = r.timestamp("created")
        let resolvedAt = r.timestamp("resolved_at")
        let links = r.list("links")
        let documents = r.list("documents")
        var reviews: [Review] = []
        for entry in r.mapList("reviews") {
            let get = { (k: String) in entry.first { $0.key == k }?.value.scalarText }
            guard let dateText = get("date"), let date = Timestamp.parse(dateText, now: Date()),
                  let reviewer = get("reviewer") else {
                r.fail("reviews", "each review needs a date and a reviewer")
                continue
            }
            var review = Review(date: date, reviewer: reviewer, note: get("note").flatMap { $0.isEmpty ? nil : $0 })
            review.extra = entry.filter { !["date", "reviewer", "note"].contains($0.key) }
            reviews.append(review)
        }
        let conflicts = FieldConflict.read(&r)
        try r.finish()
        self.conflicts = conflicts
        self.id = id!
        self.incident = incident ?? Layout.incidentID(inPath: path) ?? id!
        self.findings = findings
        self.followUpKind = kind
        self.title = title!
        self.owner = owner
        self.priority = priority
        self.due = due
        self.status = status
        self.notDoing = notDoing
        self.tracker = tracker
        self.reviews = reviews
        self.created = created
        self.resolvedAt = resolvedAt
        self.links = links
        self.documents = documents
        self.narrative = file.body.trimmedBlock
        self.extra = r.extras
    }

    public func file() -> RecordFile {
        var w = FieldWriter()
        w.text("id", id.description)
        w.text("incident", incident.description)
        w.list("findings", findings)
        w.text("kind", followUpKind?.rawValue)
        w.text("title", title)
        w.text("owner", owner)
        w.text("priority", priority?.rawValue)
        w.text("due", due?.description)
        w.text("status", status.rawValue)
        w.text("not_doing", notDoing)
        w.text("tracker", tracker)
        // Written only when known, so follow-ups from before these fields keep their bytes.
        w.optionalText("created", created?.description)
        w.optionalText("resolved_at", resolvedAt?.description)
        w.optionalList("documents", documents)
        w.optionalList("links", links)
        w.raw("reviews", .list(reviews.map { review in
            var pairs = [YAMLPair("date", .string(review.date.description)),
                         YAMLPair("reviewer", .string(review.reviewer))]
            if let note = review.note { pairs.append(YAMLPair("note", .string(note))) }
            return .map(pairs + review.extra)
        }))
        FieldConflict.write(conflicts, &w)
        w.extras(extra)
        return RecordFile(frontMatter: w.pairs, body: narrative)
    }
}
