import Foundation
import GitKit

/// What one commit did to one file of the branch.
public struct RecordChange: Sendable {
    public enum Action: String, Sendable { case added, modified, deleted }
    public let path: String
    /// The record's ID, or the path for a file that is not a record (`.inquest/policy.yml`).
    public let record: String
    /// `incident`, `event`, `finding`, `followup`, or `file`.
    public let kind: String
    /// The incident the record belongs to.
    public let incident: String?
    public let action: Action
    public let fields: [FieldChange]
    /// Set when a version of the file could not be read as a record.
    public let problem: String?
}

/// One commit of the audit trail: who, when, signed how, and what changed.
public struct AuditEntry: Sendable {
    public let commit: CommitReport
    public let changes: [RecordChange]
}

extension Postmortems {
    /// The audit trail of one incident (with its timeline, findings and follow-ups), or of
    /// the whole branch: every commit newest first, each compared with its first parent (a
    /// merge too), field by field.
    ///
    /// With an ID, only the incident's folder is compared, and commits that leave it alone
    /// are skipped without reading any record.
    ///
    /// `range` (`A..B`, `A...B`, or a revision and its history) limits the commits.
    public func auditLog(_ idText: String?, range: String? = nil) throws -> [AuditEntry] {
        let snap = try snapshot()
        guard var tip = snap.commit else { return [] }
        var hidden: [OID] = []
        if let range {
            let resolved = try store.resolve(try RevisionRange.parse(range, option: "--range"), singleMeansHistory: true)
            tip = resolved.after
            hidden = resolved.hidden
        }
        let repo = store.repository
        let dir = try idText.map { try snap.locate($0, kinds: [.incident]).incident.dir }
        let verifier = try CommitVerifier(store: store)
        defer { verifier.close() }

        func folder(_ tree: OID?) throws -> OID? {
            guard let tree, let dir else { return tree }
            guard let e = try repo.treeEntry(at: dir, in: tree), e.kind == .tree else { return nil }
            return e.id
        }
        var shown: [(OID, [RecordChange])] = []
        for id in try repo.walk(from: [tip], hiding: hidden) {
            let info = try verifier.info(id)
            let parentTree = try info.parents.first.map { try verifier.info($0).tree }
            let old = try folder(parentTree), new = try folder(info.tree)
            if dir != nil && old == new { continue }
            let prefix = dir.map { $0 + "/" } ?? ""
            let changes = try repo.diffTrees(old, new).map { c in
                try describe(c, path: prefix + c.path, repo)
            }.sorted { $0.path < $1.path }
            shown.append((id, changes))
        }
        // The signatures of the commits shown, checked together (one gpg run, not one each).
        try verifier.prepare(shown.map(\.0))
        return try shown.map { id, changes in
            AuditEntry(commit: CommitReport(try verifier.info(id), try verifier.verdict(id)), changes: changes)
        }
    }

    func describe(_ change: TreeChange, path: String, _ repo: Repository) throws -> RecordChange {
        let action: RecordChange.Action
        switch change.status {
        case .added: action = .added
        case .deleted: action = .deleted
        default: action = .modified
        }
        let name = String(path.split(separator: "/").last ?? "")
        let incident = Layout.incidentID(inPath: path)
        let recordID = incident == nil ? nil
            : (name == Layout.incidentFile ? incident : Layout.recordID(fileName: name))
        guard let recordID else {
            return RecordChange(path: path, record: path, kind: "file", incident: nil, action: action,
                                fields: [], problem: nil)
        }
        var problems: [String] = []
        func parse(_ blob: OID?) throws -> RecordFile? {
            guard let blob else { return nil }
            do {
                return try RecordFile.parse(try repo.readRecord(blob, path: path), path: path)
            } catch let e as InquestError {
                problems.append(e.lines.joined(separator: "; "))
                return nil
            }
        }
        let fields = RecordDiff.diff(old: try parse(change.oldID), new: try parse(change.newID), kind: recordID.kind)
        let kind: String
        switch recordID.kind {
        case .incident: kind = "incident"
        case .event: kind = "event"
        case .finding: kind = "finding"
        case .followUp: kind = "followup"
        }
        return RecordChange(path: path, record: recordID.description, kind: kind, incident: incident?.description,
                            action: action, fields: fields, problem: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }
}
