import Foundation
import GitKit

/// What a change does to the postmortems, record by record: the answer of `inquest diff`,
/// and of `inquest merge --dry-run`.
public struct ChangeReview: Sendable {
    /// The range as the user gave it (or a description, such as `merge origin/review/x`).
    public let range: String
    /// The commit the change is measured from; nil for the empty state.
    public let before: String?
    /// The commit it leads to; nil when it is not a commit yet (a merge preview).
    public let after: String?
    /// The commits in the range, newest first, each with its signature state.
    public let commits: [CommitReport]
    /// Each incident the change touches, by ID.
    public let incidents: [IncidentChange]
    /// Files of the branch that are not records (policy, trust roots, attributes).
    public let files: [RecordChange]

    public func count(_ state: SignatureCheck.State) -> Int { commits.filter { $0.signature.state == state }.count }

    /// The same review, saying it leads to no commit (a merge preview's scratch commit is
    /// nobody's business).
    func withoutAfterCommit() -> ChangeReview {
        ChangeReview(range: range, before: before, after: nil, commits: commits, incidents: incidents, files: files)
    }
    public var isEmpty: Bool { incidents.isEmpty && files.isEmpty }
}

/// A conflict kept as data in a record, named for the diff.
public struct ConflictMark: Sendable, Hashable {
    public let record: String
    public let field: String
    public let ours: String?
    public let theirs: String?
}

/// What a change does to one incident.
public struct IncidentChange: Sendable {
    public let id: String
    public let title: String
    /// Changed records: the incident first, then timeline, findings and follow-ups.
    public let records: [RecordChange]
    /// How far it could go before and after (nil where it did not exist, or did not read).
    public let before: Readiness?
    public let after: Readiness?
    /// The status whose gates the problems below are measured against: the next step from
    /// where the incident is after the change (its own status once closed).
    public let gate: IncidentStatus?
    /// Problems against `gate` that the change introduces, and that it fixes.
    public let problemsAdded: [Problem]
    public let problemsFixed: [Problem]
    public let conflictsIntroduced: [ConflictMark]
    public let conflictsResolved: [ConflictMark]
    /// The verdict in sentences, most important first ("INC-… can now move to review").
    public let verdicts: [String]
}

extension Postmortems {
    /// `inquest diff RANGE [ID...]`: the change a range makes (no range: the branch's last
    /// commit, as `git show` shows it).
    public func review(range text: String?, ids: [String] = []) throws -> ChangeReview {
        let range = try text.map { try RevisionRange.parse($0, option: "range") }
            ?? RevisionRange(form: .single, from: nil, to: nil)
        let resolved = try store.resolve(range, singleMeansHistory: false)
        let repo = store.repository
        let commits = try repo.walk(from: [resolved.after], hiding: resolved.hidden)
        let before = try store.snapshot(at: resolved.before)
        let after = try store.snapshot(at: resolved.after)
        return try review(label: text ?? "\(branch) (last commit)", before: before, after: after, commits: commits, ids: ids)
    }

    /// The change from one state of the branch to another (either may be a tree only).
    func review(label: String, before: Snapshot, after: Snapshot, commits: [OID], ids: [String]) throws -> ChangeReview {
        let repo = store.repository
        let verifier = try CommitVerifier(store: store)
        defer { verifier.close() }
        var wanted: Set<String>?
        if !ids.isEmpty {
            wanted = Set(try ids.map { text in
                if let loc = try? after.locate(text, kinds: RecordKind.allCases) { return loc.incident.id.description }
                return try before.locate(text, kinds: RecordKind.allCases).incident.id.description
            })
        }
        // Limited to some incidents: only the commits that touched them.
        let relevant = try commits.filter { id in
            guard let wanted else { return true }
            let info = try verifier.info(id)
            let parentTree = try info.parents.first.map { try verifier.info($0).tree }
            return try repo.diffTrees(parentTree, info.tree).contains { change in
                Layout.incidentID(inPath: change.path).map { wanted.contains($0.description) } ?? false
            }
        }
        let reports = try relevant.map { CommitReport(try verifier.info($0), try verifier.verdict($0)) }

        var byIncident: [String: [RecordChange]] = [:]
        var files: [RecordChange] = []
        for change in try repo.diffTrees(before.tree, after.tree) {
            let described = try describe(change, path: change.path, repo)
            if let incident = described.incident {
                byIncident[incident, default: []].append(described)
            } else {
                files.append(described)
            }
        }
        if wanted != nil { files = [] }
        let validators = (before: try validator(before), after: try validator(after))
        // One verifier for every sign-off check of this review (each would open its own).
        let environment = store.environment
        for v in [validators.before, validators.after] {
            v.signoffCheck = { try signoffProblems(for: $0, snapshot: $1, verifier: verifier, environment: environment) }
        }
        let locations = (before: Dictionary(try before.incidents().map { ($0.id.description, $0) }, uniquingKeysWith: { a, _ in a }),
                         after: Dictionary(try after.incidents().map { ($0.id.description, $0) }, uniquingKeysWith: { a, _ in a }))
        var incidents: [IncidentChange] = []
        for (id, records) in byIncident.sorted(by: { $0.key < $1.key }) {
            if let wanted, !wanted.contains(id) { continue }
            let old = try locations.before[id].map { try validators.before.load($0) }
            let new = try locations.after[id].map { try validators.after.load($0) }
            incidents.append(try IncidentReviewer(id: id, records: records, old: old, new: new,
                                                  validators: validators).review())
        }
        return ChangeReview(range: label, before: before.commit?.hex, after: after.commit?.hex, commits: reports,
                            incidents: incidents, files: files.sorted { $0.path < $1.path })
    }
}

/// Compares one incident before and after a change: gates, conflicts, verdicts.
private struct IncidentReviewer {
    let id: String
    let records: [RecordChange]
    let old: (IncidentBundle?, [Problem])?
    let new: (IncidentBundle?, [Problem])?
    let validators: (before: Validator, after: Validator)

    func review() throws -> IncidentChange {
        let oldBundle = old?.0, newBundle = new?.0
        let before = try oldBundle.map { try validators.before.readiness($0, schemaProblems: old!.1.count) }
        let after = try newBundle.map { try validators.after.readiness($0, schemaProblems: new!.1.count) }
        let status = newBundle?.incident.status ?? oldBundle?.incident.status
        let gate = status.map { $0.next ?? $0 }
        func problems(_ side: (IncidentBundle?, [Problem])?, _ v: Validator) throws -> [Problem] {
            guard let side else { return [] }
            guard let bundle = side.0, let gate else { return side.1 }
            return try side.1 + v.gateProblems(bundle.at(gate), at: gate)
        }
        let was = try problems(old, validators.before), now = try problems(new, validators.after)
        let wasKeys = Set(was.map(\.description)), nowKeys = Set(now.map(\.description))
        let added = now.filter { !wasKeys.contains($0.description) }
        let fixed = was.filter { !nowKeys.contains($0.description) }

        func marks(_ b: IncidentBundle?) -> [ConflictMark] {
            (b?.conflicts ?? []).map { ConflictMark(record: $0.record.description, field: $0.conflict.field,
                                                    ours: $0.conflict.ours, theirs: $0.conflict.theirs) }
        }
        let oldMarks = marks(oldBundle), newMarks = marks(newBundle)
        let oldKeys = Set(oldMarks.map { "\($0.record) \($0.field)" }), newKeys = Set(newMarks.map { "\($0.record) \($0.field)" })
        let introduced = newMarks.filter { !oldKeys.contains("\($0.record) \($0.field)") }
        let resolved = oldMarks.filter { !newKeys.contains("\($0.record) \($0.field)") }

        var verdicts: [String] = []
        if new == nil {
            verdicts.append("\(id) is deleted: incidents are never deleted (close them instead); check refuses this")
        } else if newBundle == nil {
            verdicts.append("\(id) no longer reads as a record: \(new?.1.first?.description ?? "see `inquest check`")")
        } else if old == nil {
            verdicts.append("\(id) is new, at \(after!.status.rawValue)")
        } else if oldBundle == nil {
            verdicts.append("\(id) reads as a record again")
        } else if let b = before, let a = after, a.status != b.status {
            verdicts.append("\(id) status: \(b.status.rawValue) -> \(a.status.rawValue)")
        }
        if let a = after {
            let was = before.map { $0.status == a.status ? $0 : nil } ?? nil
            if !a.meetsOwnStatus {
                let already = before.map { !$0.meetsOwnStatus && $0.status == a.status } ?? false
                verdicts.append("\(id) \(already ? "still fails" : "fails") the gates of its own status (\(a.status.rawValue)): the policy refuses it")
            } else if let next = a.next {
                if a.canMoveOn {
                    verdicts.append(was.map { $0.canMoveOn } == true ? "\(id) can still move to \(next.rawValue)"
                                    : "\(id) can now move to \(next.rawValue)")
                } else if was?.canMoveOn == true {
                    verdicts.append("\(id) can no longer move to \(next.rawValue) (\(a.blockers.count) problem\(a.blockers.count == 1 ? "" : "s"))")
                } else {
                    verdicts.append("\(id) cannot move to \(next.rawValue) yet (\(a.blockers.count) problem\(a.blockers.count == 1 ? "" : "s"))")
                }
            }
        }
        // Each problem the change brings, in the validator's words ("F-… evidence: has none;
        // review needs it"), and each it fixes.
        for p in added { verdicts.append("new problem: \(p.description)") }
        for p in fixed { verdicts.append("fixed: \(p.description)") }
        for c in introduced { verdicts.append("new conflict: \(c.record) \(c.field) (kept as data; `inquest resolve` ends it)") }
        for c in resolved { verdicts.append("conflict resolved: \(c.record) \(c.field)") }

        let title = newBundle?.incident.title ?? oldBundle?.incident.title ?? ""
        return IncidentChange(id: id, title: title, records: records.sorted(by: Self.order), before: before, after: after,
                              gate: gate, problemsAdded: added, problemsFixed: fixed,
                              conflictsIntroduced: introduced, conflictsResolved: resolved, verdicts: verdicts)
    }

    /// The incident first, then timeline, findings and follow-ups, each by path.
    static func order(_ a: RecordChange, _ b: RecordChange) -> Bool {
        func rank(_ c: RecordChange) -> Int {
            switch c.kind { case "incident": 0; case "event": 1; case "finding": 2; case "followup": 3; default: 4 }
        }
        return (rank(a), a.path) < (rank(b), b.path)
    }
}
