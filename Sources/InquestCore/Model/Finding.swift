import Foundation

/// What went wrong, in one category, with the evidence for it.
public struct Finding: Record {
    public static let kind = RecordKind.finding

    public var id: RecordID
    public var incident: RecordID
    public var category: FindingCategory?
    public var title: String
    public var evidence: [String]
    /// Follow-ups linked by hand in this file. Links made by `followup add --finding` live in
    /// the follow-up, so adding follow-ups never rewrites the finding; readers join both.
    public var followups: [String]
    /// Why nothing will be done about it, when nothing will.
    public var notDoing: String?
    public var narrative: String
    /// Unresolved concurrent edits, kept until resolved.
    public var conflicts: [FieldConflict] = []
    public var extra: [YAMLPair]

    public init(id: RecordID, incident: RecordID, category: FindingCategory, title: String) {
        self.id = id
        self.incident = incident
        self.category = category
        self.title = title
        self.evidence = []
        self.followups = []
        self.narrative = ""
        self.extra = []
    }

    public init(file: RecordFile, path: String) throws {
        var r = FieldReader(file: file, path: path, record: declaredID(file))
        let id = r.id("id", kind: .finding)
        if id == nil && file["id"]?.isNull ?? true { r.fail("id", "is missing") }
        let incident = r.id("incident", kind: .incident)
        let category = r.word("category", FindingCategory.self)
        let title = r.text("title", required: true)
        let evidence = r.list("evidence")
        let followups = r.list("followups")
        let notDoing = r.text("not_doing")
        let conflicts = FieldConflict.read(&r)
        try r.finish()
        self.conflicts = conflicts
        self.id = id!
        self.incident = incident ?? Layout.incidentID(inPath: path) ?? id!
        self.category = category
        self.title = title!
        self.evidence = evidence
        self.followups = followups
        self.notDoing = notDoing
        self.narrative = file.body.trimmedBlock
        self.extra = r.extras
    }

    public func file() -> RecordFile {
        var w = FieldWriter()
        w.text("id", id.description)
        w.text("incident", incident.description)
        w.text("category", category?.rawValue)
        w.text("title", title)
        w.list("evidence", evidence)
        w.optionalList("followups", followups)
        w.text("not_doing", notDoing)
        FieldConflict.write(conflicts, &w)
        w.extras(extra)
        return RecordFile(frontMatter: w.pairs, body: narrative)
    }
}
