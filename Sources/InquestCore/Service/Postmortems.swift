import Foundation
import GitKit

/// What the commands do, in domain words: every write is one commit on the data branch.
/// The CLI calls this and never sees a tree or a blob.
public final class Postmortems {
    public let store: Store
    /// The clock; tests pin it with `INQUEST_NOW`.
    public let now: Date
    /// This run's signing decision, once made (see `configureSigning`, `writer()`).
    var decidedWriter: Writer?
    /// Where readers report a record they skipped because it cannot be read (the CLI:
    /// a warning on stderr). Nil: such a record is an error.
    public var warn: ((String) -> Void)?
    /// Whether writes are checked against the policy before they are committed
    /// (`--no-verify` turns it off; see `verifiedWrite`).
    public var verifyWrites = true

    public init(store: Store, now: Date) {
        self.store = store
        self.now = now
    }

    public var today: Day { Timestamp(now).day }

    /// The policy validator for a snapshot of the branch, with sign-offs checked against
    /// the branch's trust roots.
    public func validator(_ snapshot: Snapshot) throws -> Validator {
        let v = try Validator(snapshot: snapshot, environment: store.environment, verifier: { try self.verifier() })
        v.branch = store.branch
        return v
    }
    public var branch: String { store.branch }

    /// Creates the branch. When signing is on, the signing key becomes the first trust root
    /// in the same (signed) first commit: the branch's creator bootstraps its trust.
    public func initialize() throws -> Bool {
        try store.checkWritable()
        let writer = try writer()
        guard let signer = writer.signer else { return try store.initialize(writer) }
        if try store.tip != nil || store.upstreamCandidate(for: store.branch) != nil { return try store.initialize(writer) }
        let key = try ownTrustRoot(signer)
        return try store.initialize(writer, extraFiles: TrustFiles.changes(adding: key, allowedSigners: nil))
    }

    /// The branch as readers see it: unreadable records are skipped with a warning.
    public func snapshot() throws -> Snapshot {
        let snap = try store.snapshot()
        snap.skipUnreadable = warn
        return snap
    }

    // MARK: incidents

    public struct NewIncident: Sendable {
        public var title: String
        /// nil: the template's, else sev3.
        public var severity: Severity?
        public var customerImpact = false
        public var dataBreach = false
        public var owner: String?
        public var started: Timestamp?
        public var detected: Timestamp?
        /// Times stated as `unknown`.
        public var unknownTimes: Set<String> = []
        public var tags: [String] = []
        /// `.inquest/templates/NAME.md` on the branch, to prefill the incident from.
        public var template: String?
        public init(title: String) { self.title = title }
    }

    /// What `new` made: the incident, and what its template added.
    public struct Opened: Sendable {
        public let id: RecordID
        public let template: IncidentTemplate?
        /// The template's suggested findings, created without evidence.
        public let suggestedFindings: [RecordID]
    }

    public func create(_ spec: NewIncident) throws -> RecordID { try open(spec).id }

    /// Opens an incident, prefilled from a template when the spec names one. A template is
    /// policy-aware: what it produces is checked against the gates of `open` before anything
    /// is written, and refused (naming the template) if the policy would refuse it.
    public func open(_ spec: NewIncident) throws -> Opened {
        let title = try Self.checkTitle(spec.title)
        if let owner = spec.owner, let p = StoredText.oneLineProblem(owner) { throw InquestError.invalid("owner: \(p)") }
        try FieldLimits.check("owner", spec.owner)
        for tag in spec.tags {
            if let p = StoredText.oneLineProblem(tag) { throw InquestError.invalid("tags: \(p)") }
            try FieldLimits.check("tags", tag)
        }
        let id = RecordID.generate(.incident)
        let created = Timestamp(now)
        let dir = Layout.incidentDir(id, created: created)
        var used: IncidentTemplate?
        var suggested: [RecordID] = []
        try verifiedWrite { snap, changes in
            var incident = Incident(id: id, title: title, severity: spec.severity ?? .sev3, created: created)
            incident.customerImpact = spec.customerImpact
            incident.dataBreach = spec.dataBreach
            incident.owner = spec.owner.flatMap { $0.isEmpty ? nil : $0 }
            incident.started = spec.started
            incident.detected = spec.detected
            incident.unknownTimes = spec.unknownTimes
            incident.tags = spec.tags
            var findings: [Finding] = []
            if let name = spec.template {
                let t = try snap.template(name)
                used = t
                findings = apply(t, to: &incident, spec: spec)
                let bundle = IncidentBundle(incident: incident, dir: dir, events: [], findings: findings, followUps: [])
                let problems = try validator(snap).gateProblems(bundle, at: .open)
                if !problems.isEmpty {
                    throw InquestError(.policy, ["\(t.path): this template makes incidents the policy refuses at open:"]
                                                + problems.map { "  \($0)" })
                }
            }
            try TimeRules.checkWrite(before: nil, after: incident, now: now)
            suggested = findings.map(\.id)
            changes.put(incident, at: Layout.incidentPath(dir: dir))
            for f in findings { changes.put(f, at: Layout.findingPath(dir: dir, f.id)) }
            return "new \(id): \(title)"
        }
        return Opened(id: id, template: used, suggestedFindings: suggested)
    }

    /// Fills a new incident from a template: what the user gave wins, tags add up, sections
    /// are prefilled, and suggested findings become findings without evidence.
    private func apply(_ t: IncidentTemplate, to incident: inout Incident, spec: NewIncident) -> [Finding] {
        if spec.severity == nil, let s = t.severity { incident.severity = s }
        incident.customerImpact = spec.customerImpact || (t.customerImpact ?? false)
        incident.dataBreach = spec.dataBreach || (t.dataBreach ?? false)
        for tag in t.tags where !incident.tags.contains(tag) { incident.tags.append(tag) }
        for s in t.sections.items where !s.text.isEmpty {
            incident.sections.set(s.key, s.text, heading: s.heading)
        }
        incident.extra.append(YAMLPair("template", .string(t.name)))
        return t.findings.map { suggestion in
            var f = Finding(id: RecordID.generate(.finding), incident: incident.id, category: suggestion.category,
                            title: suggestion.title)
            f.narrative = "<!-- Suggested by the \(t.name) template: confirm it with evidence, or delete it. -->"
            return f
        }
    }

    /// The incident an ID of any kind belongs to, and the record itself when it is not the
    /// incident. A bare prefix (no `F-`, `FU-`, `EV-`) means an incident, as everywhere.
    public func bundle(anyRecord idText: String) throws -> (bundle: IncidentBundle, record: IncidentBundle.Record?) {
        let snap = try snapshot()
        let kinds: [RecordKind] = IDQuery(idText)?.kind == nil ? [.incident] : RecordKind.allCases
        let loc = try snap.locate(idText, kinds: kinds)
        let bundle = try snap.bundle(loc.incident)
        guard loc.id.kind != .incident else { return (bundle, nil) }
        guard let record = bundle.record(loc.id) else {
            throw InquestError(.repository, "\(loc.path) could not be read as part of \(loc.incident.id)")
        }
        return (bundle, record)
    }

    public func bundle(_ idText: String) throws -> IncidentBundle {
        let snap = try snapshot()
        let loc = try snap.locate(idText, kinds: [.incident])
        return try snap.bundle(loc.incident)
    }

    /// The filters of `list` (shared with `search`).
    public typealias IncidentFilter = RecordFilter

    /// Incidents, newest first (at most `limit`). Served from the index when there is one;
    /// otherwise every `incident.md` is read (and, for the `category` and `kind` filters,
    /// the records under each incident).
    public func incidents(_ filter: RecordFilter, limit: Int? = nil) throws -> [(incident: IncidentSummary, dir: String)] {
        let snap = try snapshot()
        let rows = try indexedIncidents(snap, filter) ?? scannedIncidents(snap, filter)
        // By when they started, so an incident recorded long after it began sits where it
        // belongs (the site and stats order them the same way).
        // Seconds first (IDs compared only on a tie): cheap keys for ten thousand rows. The
        // same ID in two folders (a copy, a hand edit) is ordered by the file's path, byte by
        // byte, so the order never depends on how the rows were read (the index's
        // `incidents_listing` holds the same order).
        let keys = rows.map { ($0.incident.started ?? $0.incident.created).seconds }
        let order = keys.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a] > keys[b] }
            if rows[a].incident.id != rows[b].incident.id { return rows[a].incident.id > rows[b].incident.id }
            return Layout.incidentPath(dir: rows[a].dir).utf8.lexicographicallyPrecedes(Layout.incidentPath(dir: rows[b].dir).utf8)
        }
        return (limit.map { Array(order.prefix(max(0, $0))) } ?? order).map { rows[$0] }
    }

    private func indexedIncidents(_ snap: Snapshot, _ filter: RecordFilter) -> [(incident: IncidentSummary, dir: String)]? {
        guard let index = snap.index, let commit = snap.commit, let all = index.summaries(at: commit) else { return nil }
        if filter.keepsAll { return all }
        var facts: [String: (kinds: Set<RecordKind>, categories: Set<String>)] = [:]
        if filter.needsChildren {
            guard let f = index.childFacts(at: commit) else { return nil }
            facts = f
        }
        return all.filter { s, dir in
            filter.matches(s, kinds: facts[dir]?.kinds ?? [], categories: facts[dir]?.categories ?? [])
        }
    }

    private func scannedIncidents(_ snap: Snapshot, _ filter: RecordFilter) throws -> [(incident: IncidentSummary, dir: String)] {
        var out: [(IncidentSummary, String)] = []
        for loc in try snap.incidents() {
            guard let i = try snap.orSkip(Layout.incidentPath(dir: loc.dir), { IncidentSummary(try snap.incident(loc)) }) else { continue }
            var kinds: Set<RecordKind> = []
            var categories: Set<String> = []
            if filter.needsChildren {
                for (kind, dir) in [(RecordKind.event, Layout.timelineDir), (.finding, Layout.findingsDir),
                                    (.followUp, Layout.followUpsDir)] {
                    let children = try snap.children(of: loc, in: dir).filter { $0.id.kind == kind }
                    if !children.isEmpty { kinds.insert(kind) }
                    if kind == .finding {
                        for f in children { if let c = try snap.read(Finding.self, f).category { categories.insert(c.rawValue) } }
                    }
                }
            }
            if filter.matches(i, kinds: kinds, categories: categories) { out.append((i, loc.dir)) }
        }
        return out
    }

    // MARK: set

    /// Applies `FIELD=VALUE` assignments to any record; one commit. Returns the record's ID.
    @discardableResult
    public func set(_ idText: String, _ assignments: [Assignment]) throws -> RecordID {
        guard !assignments.isEmpty else { throw InquestError.invalid("nothing to set: give FIELD=VALUE") }
        var result: RecordID?
        try verifiedWrite { snap, changes in
            let loc = try snap.locate(idText, kinds: RecordKind.allCases)
            result = loc.id
            let fields = assignments.map(\.field).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let what = "set \(fields.joined(separator: ", "))"
            try applyEdits(assignments, to: loc, in: snap, &changes)
            return loc.id.kind == .incident ? "\(loc.id): \(what)" : "\(loc.incident.id): \(loc.id) \(what)"
        }
        return result!
    }

    /// What `set` does to one record, shared with `resolve`: applies the assignments with
    /// their checks, lets `adjust` change the record further (drop a resolved conflict),
    /// and puts it back, moving a timeline event whose time changed.
    func applyEdits(_ assignments: [Assignment], to loc: RecordLocation, in snap: Snapshot, _ changes: inout ChangeSet,
                    adjust: (inout AnyRecord) throws -> Void = { _ in }) throws {
        var path = loc.path
        var record: AnyRecord
        switch loc.id.kind {
        case .incident:
            let before = try snap.read(Incident.self, at: loc.path)
            var r = before
            for a in assignments { try r.apply(a, now: now) }
            try TimeRules.checkWrite(before: before, after: r, now: now)
            record = .incident(r)
        case .event:
            let before = try snap.read(TimelineEvent.self, at: loc.path)
            var r = before
            for a in assignments { try r.apply(a, now: now) }
            if r.at != before.at, let p = TimeRules.rangeProblem(r.at, now: now) {
                throw InquestError.invalid("\(r.id): at: \(p)")
            }
            path = Layout.eventPath(dir: loc.incident.dir, r)
            record = .event(r)
        case .finding:
            var r = try snap.read(Finding.self, at: loc.path)
            for a in assignments { try r.apply(a, now: now) }
            try checkLinks(followUps: r.followups, in: loc.incident, snap)
            record = .finding(r)
        case .followUp:
            var r = try snap.read(FollowUp.self, at: loc.path)
            let wasDone = r.status == .done
            for a in assignments { try r.apply(a, now: now) }
            try r.checkConsistency()
            try checkLinks(findings: r.findings, in: loc.incident, snap)
            if r.status == .done && !wasDone { try refuseUnprovenDone(r, snap) }
            record = .followUp(r)
        }
        try adjust(&record)
        if path != loc.path { changes.delete(loc.path) }
        changes.put(path, record.serialized())
        changes.touch(loc.id.description)
    }

    /// `done_requires`: a follow-up becomes done only with the proof its kind needs (exit 1).
    func refuseUnprovenDone(_ fu: FollowUp, _ snap: Snapshot) throws {
        let problems = try validator(snap).doneProblems(fu)
        guard !problems.isEmpty else { return }
        let code = (try validator(snap)).rules.doneRequirement(fu.followUpKind).needsCode
        throw InquestError(.policy, problems.map(\.description),
                           hint: code ? "a code commit on main with the trailer `Fixes-Follow-up: \(fu.id)` proves it; see docs/followup-proof.md" : nil)
    }

    private func checkLinks(findings: [String] = [], followUps: [String] = [], in incident: IncidentLocation,
                            _ snap: Snapshot) throws {
        let existing = Set(try snap.children(of: incident, in: Layout.findingsDir).map(\.id.description)
            + snap.children(of: incident, in: Layout.followUpsDir).map(\.id.description))
        for f in findings + followUps where !existing.contains(f) {
            throw InquestError.invalid("\(incident.id): \(f) is not a record of this incident")
        }
    }

    // MARK: status

    public struct StatusChange: Sendable {
        public let id: RecordID
        public let from: IncidentStatus
        public let to: IncidentStatus
        /// Set when the change also filled in the `resolved` time.
        public let filledResolved: Timestamp?
    }

    /// Moves an incident along its lifecycle: forward one step at a time, or back to an
    /// earlier status (to reopen it). Returns nil when it already had that status.
    /// Moving forward must pass the policy's gates (every problem is listed at once, exit 1).
    public func setStatus(_ idText: String, _ target: IncidentStatus) throws -> StatusChange? {
        var change: StatusChange?
        try store.write(try writer()) { snap, changes in
            let loc = try snap.locate(idText, kinds: [.incident])
            var bundle = try snap.bundle(loc.incident)
            let from = bundle.incident.status
            change = nil
            if from == target { return "" }
            if target.rank > from.rank && target != from.next {
                throw InquestError.invalid("\(loc.id): status: cannot go from \(from.rawValue) to \(target.rawValue)",
                                           hint: "the lifecycle is open -> resolved -> review -> approved -> closed; next is \(from.next?.rawValue ?? "nothing")")
            }
            var filled: Timestamp?
            if target == .resolved && bundle.incident.resolved == nil {
                filled = Timestamp(now)
                bundle.incident.resolved = filled
            }
            bundle.incident.status = target
            if target.rank > from.rank {
                let problems = try validator(snap).gateProblems(bundle, at: target)
                if !problems.isEmpty {
                    throw InquestError(.policy, ["\(loc.id) cannot move to \(target.rawValue):"] + problems.map { "  \($0)" })
                }
            }
            changes.put(bundle.incident, at: loc.path)
            change = StatusChange(id: loc.id, from: from, to: target, filledResolved: filled)
            return "\(loc.id): status \(from.rawValue) -> \(target.rawValue)"
        }
        return change
    }

    // MARK: timeline, findings, follow-ups

    public func addEvent(_ idText: String, at: Timestamp, kind: EventKind, text: String,
                         evidence: [String], order: Int? = nil) throws -> RecordID {
        let body = text
        if body.trimmedBlock.isEmpty { throw InquestError.invalid("text: a timeline event needs some text") }
        if let p = StoredText.narrativeProblem(body) { throw InquestError.invalid("text: \(p)") }
        try Self.checkEvidence(evidence)
        let id = RecordID.generate(.event)
        try verifiedWrite { snap, changes in
            let loc = try snap.locate(idText, kinds: [.incident])
            var event = TimelineEvent(id: id, incident: loc.id, at: at, kind: kind, text: body)
            event.evidence = evidence
            // Same-day events that times cannot order keep the order they were entered.
            event.order = try order ?? TimelineEvent.entryOrder(at: at, among: snap.bundle(loc.incident).events)
            changes.put(event, at: Layout.eventPath(dir: loc.incident.dir, event))
            return "\(loc.id): timeline \(id) (\(kind.rawValue))"
        }
        return id
    }

    public func addFinding(_ idText: String, category: FindingCategory, title: String,
                           evidence: [String]) throws -> RecordID {
        let title = try Self.checkTitle(title)
        try Self.checkEvidence(evidence)
        let id = RecordID.generate(.finding)
        try verifiedWrite { snap, changes in
            let loc = try snap.locate(idText, kinds: [.incident])
            var f = Finding(id: id, incident: loc.id, category: category, title: title)
            f.evidence = evidence
            changes.put(f, at: Layout.findingPath(dir: loc.incident.dir, id))
            return "\(loc.id): finding \(id): \(title)"
        }
        return id
    }

    public struct NewFollowUp: Sendable {
        public var kind: FollowUpKind
        public var owner: String
        public var due: Day
        public var priority: Priority = .p2
        public var findings: [String] = []
        public var title: String
        public var tracker: String?
        public init(kind: FollowUpKind, owner: String, due: Day, title: String) {
            self.kind = kind
            self.owner = owner
            self.due = due
            self.title = title
        }
    }

    public func addFollowUp(_ idText: String, _ spec: NewFollowUp) throws -> RecordID {
        let title = try Self.checkTitle(spec.title)
        let owner = spec.owner
        if owner.isEmpty { throw InquestError.invalid("owner: a follow-up needs an owner") }
        if let p = StoredText.oneLineProblem(owner) { throw InquestError.invalid("owner: \(p)") }
        try FieldLimits.check("owner", owner)
        try FieldLimits.check("tracker", spec.tracker)
        let id = RecordID.generate(.followUp)
        try verifiedWrite { snap, changes in
            let loc = try snap.locate(idText, kinds: [.incident])
            var findingIDs: [String] = []
            for text in spec.findings {
                let f = try snap.locate(text, kinds: [.finding])
                guard f.incident.id == loc.id else {
                    throw InquestError.invalid("\(f.id) belongs to \(f.incident.id), not to \(loc.id)")
                }
                if !findingIDs.contains(f.id.description) { findingIDs.append(f.id.description) }
            }
            var fu = FollowUp(id: id, incident: loc.id, kind: spec.kind, title: title)
            fu.owner = owner
            fu.due = spec.due
            fu.priority = spec.priority
            fu.findings = findingIDs
            fu.tracker = spec.tracker
            fu.created = Timestamp(now)
            changes.put(fu, at: Layout.followUpPath(dir: loc.incident.dir, id))
            return "\(loc.id): follow-up \(id): \(title)"
        }
        return id
    }

    /// Appends to a follow-up's review log, by the user's git identity.
    @discardableResult
    public func review(_ idText: String, note: String?) throws -> RecordID {
        if let note, let p = StoredText.oneLineProblem(note) { throw InquestError.invalid("note: \(p)") }
        try FieldLimits.check("note", note)
        let reviewer = try store.identity(.author)
        var result: RecordID?
        try verifiedWrite { snap, changes in
            let loc = try snap.locate(idText, kinds: [.followUp])
            result = loc.id
            var fu = try snap.read(FollowUp.self, at: loc.path)
            fu.reviews.append(FollowUp.Review(date: Timestamp(now), reviewer: "\(reviewer.name) <\(reviewer.email)>",
                                              note: note?.isEmpty == false ? note : nil))
            changes.put(fu, at: loc.path)
            return "\(loc.incident.id): \(loc.id) review"
        }
        return result!
    }

    public struct FollowUpFilter: Sendable {
        public var openOnly = false
        public var overdueOnly = false
        public var owner: String?
        /// Only unresolved ones not reviewed for at least this many days (see `FollowUp.isStale`).
        public var staleDays: Int?
        /// Only those due before this day.
        public var dueBefore: Day?
        public init() {}
    }

    /// How much of each follow-up a reader needs.
    public enum FollowUpReading: Sendable {
        /// What the `followups` table shows: ID, incident, status, priority, due, owner,
        /// title, and what the filters read. Served from the index without parsing files.
        case listing
        /// Every field (narrative, findings, reviews…): each file that passes is parsed.
        case full
    }

    /// Follow-ups across all incidents, soonest due first. The incident of each carries
    /// its summary fields only (no sections) when it comes from the index.
    public func followUps(_ filter: FollowUpFilter, detail: FollowUpReading = .full) throws -> [(incident: Incident, followUp: FollowUp)] {
        let snap = try snapshot()
        let today = self.today
        func keep(_ incident: Incident, _ fu: FollowUp) -> Bool {
            if filter.openOnly && fu.status.isResolved { return false }
            if filter.overdueOnly && !fu.isOverdue(today: today) { return false }
            if let o = filter.owner, fu.owner?.lowercased() != o.lowercased() { return false }
            if let days = filter.staleDays, !fu.isStale(days: days, today: today, incident: incident) { return false }
            if let day = filter.dueBefore, !(fu.due.map { $0 < day } ?? false) { return false }
            return true
        }
        let rows: [(incident: Incident, followUp: FollowUp)]
        if let index = snap.index, let commit = snap.commit, let indexed = index.followUpRows(at: commit) {
            let kept = indexed.filter { keep($0.incident, $0.followUp) }
            if detail == .listing {
                rows = kept.map { ($0.incident, $0.followUp) }
            } else if let bodies = index.bodies(kept.map(\.path), at: commit) {
                rows = try zip(kept, bodies).map { row, body in (row.incident, try FollowUp(data: body, path: row.path)) }
            } else {
                rows = try snap.allFollowUps().filter { keep($0.incident, $0.followUp) }
            }
        } else {
            rows = try snap.allFollowUps().filter { keep($0.incident, $0.followUp) }
        }
        // Sorts small keys, not the (large) pairs: moving pairs about costs more than comparing.
        let keys = rows.map { ($0.followUp.due?.days ?? Int64.max, $0.followUp.id) }
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }

    /// What the `followups` table shows of the follow-ups `filter` keeps, in the order of
    /// `followUps`: from the index's columns alone when it serves, else from the records.
    public func followUpListing(_ filter: FollowUpFilter) throws -> [FollowUpListing] {
        let snap = try snapshot()
        if let commit = snap.commit, let rows = snap.index?.followUpListing(filter, today: today, at: commit) {
            return rows
        }
        return try followUps(filter, detail: .listing).map { FollowUpListing($0.followUp) }
    }

    // MARK: edit

    /// A record's file as it is on the branch, for an editor.
    public func rawRecord(_ idText: String) throws -> (location: RecordLocation, data: Data) {
        let snap = try snapshot()
        let loc = try snap.locate(idText, kinds: RecordKind.allCases)
        guard let data = try snap.data(at: loc.path) else { throw InquestError(.repository, "\(loc.path) vanished") }
        return (loc, data)
    }

    /// Replaces a record with a hand-edited version, checked like any other write. Fails
    /// rather than overwrite if someone else changed the record in the meantime.
    public func replace(_ location: RecordLocation, original: Data, edited: Data) throws -> Bool {
        let path = location.path
        var newPath = path
        /// The edited text as a record of the expected kind, still the same record.
        func parsed<R: Record>(_ type: R.Type) throws -> R {
            let r = try R(data: edited, path: path)
            try Self.sameID(r.id, location.id)
            return r
        }
        let data: Data
        switch location.id.kind {
        case .incident:
            let after = try parsed(Incident.self)
            let before = try Incident(data: original, path: path)
            try Self.checkLifecycleUnchanged(before, after)
            try TimeRules.checkWrite(before: before, after: after, now: now)
            try FieldLimits.check("title", after.title, record: after.id.description)
            try FieldLimits.check("owner", after.owner, record: after.id.description)
            data = after.serialized()
        case .event:
            let r = try parsed(TimelineEvent.self)
            newPath = Layout.eventPath(dir: location.incident.dir, r)
            data = r.serialized()
        case .finding:
            data = try parsed(Finding.self).serialized()
        case .followUp:
            var r = try parsed(FollowUp.self)
            try r.checkConsistency()
            if r.status == .done, (try? FollowUp(data: original, path: path))?.status != .done {
                try refuseUnprovenDone(r, try snapshot())
            }
            // A hand edit that resolves it records when, as `followup set status=` does.
            if r.status.isResolved, r.resolvedAt == nil,
               let before = try? FollowUp(data: original, path: path), !before.status.isResolved {
                r.resolvedAt = Timestamp(now)
            }
            data = r.serialized()
        }
        let commit = try verifiedWrite { snap, changes in
            guard try snap.data(at: path) == original else {
                throw InquestError.invalid("\(location.id) was changed by someone else while you edited it")
            }
            if newPath != path { changes.delete(path) }
            changes.put(newPath, data)
            changes.touch(location.id.description)
            return location.id.kind == .incident ? "\(location.id): edit" : "\(location.incident.id): edit \(location.id)"
        }
        return commit != nil
    }

    /// `edit` is for content: the lifecycle moves through `status` (with its gates) and
    /// sign-offs through `approve` (signed), so a hand edit may not touch either.
    static func checkLifecycleUnchanged(_ before: Incident, _ after: Incident) throws {
        var lines: [String] = []
        if after.status != before.status {
            lines.append("\(before.id): status: cannot be changed by edit (\(before.status.rawValue) -> \(after.status.rawValue)); use `inquest status \(before.id) \(after.status.rawValue)`, which checks the policy's gates")
        }
        if after.approvals != before.approvals {
            lines.append("\(before.id): approvals: cannot be changed by edit; sign-offs are recorded only by `inquest approve`")
        }
        if after.created != before.created {
            lines.append("\(before.id): created: cannot be changed")
        }
        if !lines.isEmpty { throw InquestError(.invalid, lines) }
    }

    private static func sameID(_ found: RecordID, _ expected: RecordID) throws {
        if found != expected {
            throw InquestError.invalid("\(expected): id: cannot be changed (the file now says \(found))")
        }
    }

    static func checkTitle(_ raw: String) throws -> String {
        let title = raw
        if title.allSatisfy(\.isWhitespace) { throw InquestError.invalid("title: cannot be empty") }
        if let p = StoredText.oneLineProblem(title) { throw InquestError.invalid("title: \(p)") }
        try FieldLimits.check("title", title)
        return title
    }

    static func checkEvidence(_ items: [String]) throws {
        for item in items {
            if item.trimmingCharacters(in: .whitespaces).isEmpty { throw InquestError.invalid("evidence: cannot be empty") }
            if let p = StoredText.oneLineProblem(item) { throw InquestError.invalid("evidence: \(p)") }
            try FieldLimits.check("evidence", item)
            if let p = Evidence.validate(item) { throw InquestError.invalid("evidence: \(p)") }
        }
    }
}
