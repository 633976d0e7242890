import Foundation
import GitKit

/// One `CommitVerifier` for all the sign-off checks of a validator, made on first use: one
/// history pass per run (the verifier's `origins`), not one per approved incident.
final class SharedVerifier {
    private let repository: Repository
    private let environment: [String: String]
    private let make: (() throws -> CommitVerifier)?
    private var verifier: CommitVerifier?

    /// `make`: how to get the run's verifier (one that knows the branch's pinned root);
    /// nil: a plain one for the repository.
    init(repository: Repository, environment: [String: String], make: (() throws -> CommitVerifier)? = nil) {
        self.repository = repository
        self.environment = environment
        self.make = make
    }

    func get() throws -> CommitVerifier {
        if let verifier { return verifier }
        let v = try make?() ?? CommitVerifier(repository: repository, environment: environment)
        verifier = v
        return v
    }
}

/// The one validator behind `inquest status`, `inquest check` and every hook: the schema of
/// every record, and the policy's gates for the status an incident is at (or is moving to).
public final class Validator {
    public let snapshot: Snapshot
    public let rules: PolicyRules
    /// Decides whether the approvals satisfy `signoff_by_other`: by default the signing
    /// layer's check of each approval's signature against the branch's trust roots.
    public var signoffCheck: (IncidentBundle, Snapshot) throws -> [Problem]
    /// The data branch's name, so the code scan leaves it out of the code refs (callers
    /// that know it set it; otherwise `inquest.branch` or `postmortems`).
    public var branch: String
    private var codeLinksValue: CodeLinks?
    /// Code ref updates being pushed alongside (pre-receive), so a push of `main` with the
    /// fix and of the data branch marking it done is judged as the refs will be.
    public var codeRefUpdates: [String: OID?] = [:]

    /// The rule for a kind under the policy this validator judges by (in a hook, the policy
    /// in force before the push, so a push cannot weaken the rule for what it marks done).
    public func doneRequirement(_ kind: FollowUpKind?) -> DoneRequirement {
        rules.doneRequirement(kind)
    }

    let environment: [String: String]
    /// "Now" for the rule that no time lies in the future: the CLI's clock, which tests and
    /// benchmarks pin with `INQUEST_NOW` (git passes the variable on to hooks).
    let now: Date

    /// Reads the policy of the snapshot; a broken policy is an error, never "no rules".
    /// `environment` is what gpg and ssh-keygen run with when approvals are verified.
    public convenience init(snapshot: Snapshot, environment: [String: String],
                            verifier: (() throws -> CommitVerifier)? = nil) throws {
        try self.init(snapshot: snapshot, policy: try snapshot.data(at: Layout.policyPath), environment: environment,
                      verifier: verifier)
    }

    /// Judges `snapshot` by the policy `policy` (the bytes of a policy.yml; nil: the
    /// defaults) instead of its own: a push is judged by the policy in force before it.
    /// `verifier`: how to get the run's verifier, asked once and only when an approval is to
    /// be checked (the push rules hand in theirs, so a run judges each commit once).
    public init(snapshot: Snapshot, policy: Data?, environment: [String: String],
                verifier: (() throws -> CommitVerifier)? = nil) throws {
        self.snapshot = snapshot
        self.environment = environment
        now = Clock.now(environment)
        branch = (try? snapshot.repository.config().string("inquest.branch")) ?? "postmortems"
        let verifiers = SharedVerifier(repository: snapshot.repository, environment: environment, make: verifier)
        signoffCheck = { bundle, snap in
            try signoffProblems(for: bundle, snapshot: snap, verifier: try verifiers.get(), environment: environment)
        }
        if let data = policy {
            rules = try PolicyParser.parse(data: data, path: Layout.policyPath)
        } else {
            rules = .defaults
        }
    }

    // MARK: whole incidents

    /// Every problem of an incident as it stands: records, links, and the gates of its status.
    public func problems(of location: IncidentLocation) throws -> [Problem] {
        let (bundle, problems) = try load(location)
        guard let bundle else { return problems }
        return try problems + gateProblems(bundle, at: bundle.incident.status)
    }

    public func problemsOfAll() throws -> [Problem] {
        var out: [Problem] = []
        for loc in try snapshot.incidents() { out += try problems(of: loc) }
        return out
    }

    /// What stops `bundle` from being at `status` (all gates up to it).
    public func gateProblems(_ bundle: IncidentBundle, at status: IncidentStatus) throws -> [Problem] {
        var out: [Problem] = []
        let incident = bundle.incident
        let id = incident.id.description
        let reason = rules.needsFullPostmortem(incident) ? " (\(fullReason(incident)))" : ""
        for (gateStatus, gate) in rules.gates(for: incident, at: status) {
            let needs = "\(gateStatus.rawValue) needs it\(reason)"
            for field in gate.fields where !isSet(field, incident) {
                out.append(Problem(record: id, field: field, "is not set; \(needs)"))
            }
            // Guidance in HTML comments (from a template) is not writing: it does not count.
            for key in gate.sections where Sections.substance(incident.sections[key] ?? "").isEmpty {
                out.append(Problem(record: id, field: key, "section is empty; \(needs)"))
            }
            if bundle.events.count < gate.minTimelineEvents {
                out.append(Problem(record: id, field: "timeline",
                                   "has \(plural(bundle.events.count, "event")); \(gateStatus.rawValue) needs at least \(gate.minTimelineEvents)\(reason)"))
            }
            if bundle.findings.count < gate.minFindings {
                out.append(Problem(record: id, field: "findings",
                                   "has \(bundle.findings.count); \(gateStatus.rawValue) needs at least \(gate.minFindings)\(reason)"))
            }
            if bundle.followUps.count < gate.minFollowUps {
                out.append(Problem(record: id, field: "followups",
                                   "has \(bundle.followUps.count); \(gateStatus.rawValue) needs at least \(gate.minFollowUps)\(reason)"))
            }
            for f in bundle.findings {
                let fid = "\(id) \(f.id)"
                for need in gate.findingNeeds {
                    switch need {
                    case "category" where f.category == nil:
                        out.append(Problem(record: fid, field: "category", "is not set; \(needs)"))
                    case "evidence" where f.evidence.isEmpty:
                        out.append(Problem(record: fid, field: "evidence", "has none; \(needs)"))
                    case "followups_or_not_doing" where bundle.followUps(of: f).isEmpty && (f.notDoing ?? "").isEmpty:
                        out.append(Problem(record: fid, field: "followups",
                                           "has no follow-up and no not_doing reason; \(needs)"))
                    case "narrative" where Sections.substance(f.narrative).isEmpty:
                        out.append(Problem(record: fid, field: "narrative", "is empty; \(needs)"))
                    default: break
                    }
                }
            }
            for fu in bundle.followUps {
                let fid = "\(id) \(fu.id)"
                for need in gate.followUpNeeds {
                    let missing: Bool
                    switch need {
                    case "owner": missing = (fu.owner ?? "").isEmpty
                    case "kind": missing = fu.followUpKind == nil
                    case "priority": missing = fu.priority == nil
                    case "due": missing = fu.due == nil
                    case "tracker": missing = (fu.tracker ?? "").isEmpty
                    case "narrative": missing = Sections.substance(fu.narrative).isEmpty
                    default: missing = false
                    }
                    if missing { out.append(Problem(record: fid, field: need, "is not set; \(needs)")) }
                }
            }
            if gate.noConflicts {
                for (record, c) in bundle.conflicts {
                    out.append(Problem(record: record == incident.id ? id : "\(id) \(record)", field: c.field,
                                       "unresolved conflict (ours: \(c.ours ?? "deleted"), theirs: \(c.theirs ?? "deleted")); \(gateStatus.rawValue) needs it resolved with `inquest resolve`"))
                }
            }
            if gate.followUpsResolved {
                for fu in bundle.followUps where !fu.status.isResolved {
                    out.append(Problem(record: "\(id) \(fu.id)", field: "status",
                                       "is \(fu.status.rawValue); \(gateStatus.rawValue) needs every follow-up done or not-doing"))
                }
            }
            if gate.signoffByOther { out += try signoffCheck(bundle, snapshot) }
        }
        return out
    }

    private func fullReason(_ i: Incident) -> String {
        var why: [String] = []
        if rules.trigger.severities.contains(i.severity) { why.append(i.severity.rawValue) }
        if rules.trigger.customerImpact && i.customerImpact { why.append("customer impact") }
        if rules.trigger.dataBreach && i.dataBreach { why.append("data breach") }
        return "full postmortem required: " + why.joined(separator: ", ")
    }

    private func isSet(_ field: String, _ i: Incident) -> Bool {
        switch field {
        case "owner": return !(i.owner ?? "").isEmpty
        case "tags": return !i.tags.isEmpty
        case "title": return !i.title.isEmpty
        case "started", "detected", "contained", "resolved": return i.timeText(field) != nil
        case "severity", "status", "customer_impact", "data_breach", "id", "created": return true
        default:
            if let v = i.extra.first(where: { $0.key == field })?.value {
                switch v {
                case .scalar: return !v.isNull && !(v.scalarText ?? "").isEmpty
                case .list(let l): return !l.isEmpty
                case .map(let m): return !m.isEmpty
                }
            }
            return false
        }
    }

    // MARK: follow-ups closed by proof

    /// The code history joined to this snapshot's follow-ups; scanned on first need, since
    /// only a follow-up becoming done under `done_requires: merged|shipped` needs it.
    /// On a server this is the server repository's own code refs.
    public func codeLinks() throws -> CodeLinks {
        if let codeLinksValue { return codeLinksValue }
        let links = try CodeLinks(snapshot: snapshot, dataBranch: branch, overrides: codeRefUpdates)
        codeLinksValue = links
        return links
    }

    /// What stops `fu` from being done under the policy's `done_requires` for its kind.
    /// Checked when a follow-up becomes done (by a command or in a pushed change); once
    /// done, `inquest followups --audit` checks that the proof still holds.
    public func doneProblems(_ fu: FollowUp) throws -> [Problem] {
        let need = doneRequirement(fu.followUpKind)
        guard need != .none else { return [] }
        let record = "\(fu.incident) \(fu.id)"
        if need == .note {
            // No code is involved: the scan is skipped.
            if fu.reviews.contains(where: { !($0.note ?? "").isEmpty }) { return [] }
            return [Problem(record: record, field: "status",
                            "done needs a review note saying what was done (done_requires \(fu.followUpKind?.rawValue ?? ""): note); add one with `inquest followup review \(fu.id) --note TEXT`")]
        }
        guard let missing = try codeLinks().missing(fu, requirement: need) else { return [] }
        return [Problem(record: record, field: "status", "done \(missing)")]
    }

    // MARK: records

    /// Reads an incident folder leniently: every file is parsed and checked, and each
    /// problem reported, instead of stopping at the first broken file.
    public func load(_ loc: IncidentLocation) throws -> (IncidentBundle?, [Problem]) {
        var problems: [Problem] = []
        let incidentPath = Layout.incidentPath(dir: loc.dir)
        var incident: Incident?
        if let entry = try snapshot.repository.treeEntry(at: Layout.incidentFile, in: loc.tree), entry.kind == .blob {
            do {
                let data = try snapshot.repository.readRecord(entry.id, path: incidentPath)
                problems += Self.markerProblems(data, path: incidentPath)
                let i = try Incident(data: data, path: incidentPath)
                if i.id != loc.id {
                    problems.append(Problem(path: incidentPath, record: loc.id.description, field: "id",
                                            "says \(i.id) but the folder is \(loc.id)"))
                }
                problems += TimeRules.problems(of: i, now: now)
                for (field, value) in [("title", i.title), ("owner", i.owner)] {
                    if let value, let p = FieldLimits.lengthProblem(field, value) {
                        problems.append(Problem(record: i.id.description, field: field, p))
                    }
                }
                for key in i.sections.duplicates {
                    let headings = i.sections.items.filter { $0.key == key }.map { "## \($0.heading)" }
                    problems.append(Problem(path: incidentPath, record: i.id.description, field: key,
                                            "the section is written \(headings.count) times (\(headings.joined(separator: ", "))); readers use the first: merge them into one"))
                }
                incident = i
            } catch let e as InquestError {
                problems += e.lines.map { Problem($0) }
            }
        } else {
            problems.append(Problem(path: loc.dir, record: loc.id.description, "the folder has no incident.md"))
        }

        func records<R: Record>(_ dir: String, _ type: R.Type) throws -> [R] {
            var out: [R] = []
            guard let sub = try snapshot.repository.treeEntry(at: dir, in: loc.tree), sub.kind == .tree else { return [] }
            for e in try snapshot.repository.treeEntries(sub.id) {
                let path = "\(loc.dir)/\(dir)/\(e.name)"
                guard e.kind == .blob, e.name.hasSuffix(".md") else { continue }
                guard let fileID = Layout.recordID(fileName: e.name), fileID.kind == R.kind else {
                    problems.append(Problem(path: path, "is not named like \(withArticle(R.kind.noun)) (\(R.kind.rawValue)-ID.md)"))
                    continue
                }
                do {
                    let data = try snapshot.repository.readRecord(e.id, path: path)
                    problems += Self.markerProblems(data, path: path)
                    let r = try R(data: data, path: path)
                    if r.id != fileID {
                        problems.append(Problem(path: path, record: fileID.description, field: "id",
                                                "says \(r.id) but the file is named for \(fileID)"))
                    }
                    out.append(r)
                } catch let e as InquestError {
                    problems += e.lines.map { Problem($0) }
                }
            }
            return out
        }
        let events = try records(Layout.timelineDir, TimelineEvent.self).sorted(by: TimelineEvent.chronological)
        let findings = try records(Layout.findingsDir, Finding.self).sorted { $0.id < $1.id }
        let followUps = try records(Layout.followUpsDir, FollowUp.self).sorted { $0.id < $1.id }
        guard let incident else { return (nil, problems) }
        problems += Self.linkProblems(incident: incident, events: events, findings: findings, followUps: followUps, now: now)
        let bundle = IncidentBundle(incident: incident, dir: loc.dir, events: events, findings: findings, followUps: followUps)
        return (bundle, problems)
    }

    /// The records of one incident agree with it and with each other: every record names
    /// the incident it is filed under, links point to records of the same incident, evidence
    /// is well formed, and a follow-up that will not be done says why.
    static func linkProblems(incident: Incident, events: [TimelineEvent], findings: [Finding],
                             followUps: [FollowUp], now: Date) -> [Problem] {
        var out: [Problem] = []
        let id = incident.id.description
        // Times and lengths the CLI refuses, when a hand commit brought them.
        for e in events {
            if let p = TimeRules.rangeProblem(e.at, now: now) { out.append(Problem(record: "\(id) \(e.id)", field: "at", p)) }
        }
        for (rid, title) in findings.map({ ($0.id, $0.title) }) + followUps.map({ ($0.id, $0.title) }) {
            if let p = FieldLimits.lengthProblem("title", title) { out.append(Problem(record: "\(id) \(rid)", field: "title", p)) }
        }
        let findingIDs = Set(findings.map(\.id.description)), followUpIDs = Set(followUps.map(\.id.description))
        for e in events where e.incident != incident.id {
            out.append(Problem(record: "\(id) \(e.id)", field: "incident", "says \(e.incident) but the event is filed under \(id)"))
        }
        for f in findings {
            if f.incident != incident.id {
                out.append(Problem(record: "\(id) \(f.id)", field: "incident", "says \(f.incident) but the finding is filed under \(id)"))
            }
            for link in f.followups where !followUpIDs.contains(link) {
                out.append(Problem(record: "\(id) \(f.id)", field: "followups", "names \(link), which is not a follow-up of \(id)"))
            }
            for ev in f.evidence { if let p = Evidence.validate(ev) { out.append(Problem(record: "\(id) \(f.id)", field: "evidence", p)) } }
        }
        for fu in followUps {
            if fu.incident != incident.id {
                out.append(Problem(record: "\(id) \(fu.id)", field: "incident", "says \(fu.incident) but the follow-up is filed under \(id)"))
            }
            for link in fu.findings where !findingIDs.contains(link) {
                out.append(Problem(record: "\(id) \(fu.id)", field: "findings", "names \(link), which is not a finding of \(id)"))
            }
            if fu.status == .notDoing && (fu.notDoing ?? "").isEmpty {
                out.append(Problem(record: "\(id) \(fu.id)", field: "not_doing", "status is not-doing but no reason is given"))
            }
        }
        return out
    }

    /// Raw merge-conflict markers must never reach the branch: Inquest keeps conflicts as data.
    static func markerProblems(_ data: Data, path: String) -> [Problem] {
        guard data.contains(0x3c) || data.contains(0x3e) else { return [] }
        var out: [Problem] = []
        for (n, line) in String(decoding: data, as: UTF8.self).lfLines.enumerated()
        where line.hasPrefix("<<<<<<<") || line.hasPrefix(">>>>>>>") {
            out.append(Problem(path: path, line: n + 1, "contains a raw merge-conflict marker; resolve it (Inquest keeps conflicts as data)"))
        }
        return out
    }
}
