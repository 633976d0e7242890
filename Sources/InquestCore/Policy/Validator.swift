import Foundation
import GitKit

/// The one validator behind `inquest status`, `inquest check` and every hook: the schema of
/// every record, and the policy's gates for the status an incident is at (or is moving to).
public final class Validator {
    public let snapshot: Snapshot
    public let rules: PolicyRules
    /// Decides whether the approvals satisfy `signoff_by_other`: by default the signing
    /// layer's check of each approval's signature against the branch's trust roots.
    public var signoffCheck: (IncidentBundle, Snapshot) throws -> [Problem]

    /// Reads the policy of the snapshot; a broken policy is an error, never "no rules".
    /// `environment` is what gpg and ssh-keygen run with when approvals are verified.
    public init(snapshot: Snapshot, environment: [String: String]) throws {
        self.snapshot = snapshot
        signoffCheck = { try signoffProblems(for: $0, snapshot: $1, environment: environment) }
        if let data = try snapshot.data(at: Layout.policyPath) {
            guard let text = String(validating: data, as: UTF8.self) else {
                throw InquestError(.policy, "\(Layout.policyPath): not valid UTF-8")
            }
            rules = try PolicyParser.parse(text, path: Layout.policyPath)
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
            for key in gate.sections where (incident.sections[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append(Problem(record: id, field: key, "section is empty; \(needs)"))
            }
            if bundle.events.count < gate.minTimelineEvents {
                out.append(Problem(record: id, field: "timeline",
                                   "has \(bundle.events.count) events; \(gateStatus.rawValue) needs at least \(gate.minTimelineEvents)\(reason)"))
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
                    case "narrative" where f.narrative.isEmpty:
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
                    case "narrative": missing = fu.narrative.isEmpty
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
        case "started", "detected", "contained", "resolved": return i.time(field) != nil
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
                    problems.append(Problem(path: path, "is not named like a \(R.kind.noun) (\(R.kind.rawValue)-ID.md)"))
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
        let events = try records(Layout.timelineDir, TimelineEvent.self).sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        let findings = try records(Layout.findingsDir, Finding.self).sorted { $0.id < $1.id }
        let followUps = try records(Layout.followUpsDir, FollowUp.self).sorted { $0.id < $1.id }
        guard let incident else { return (nil, problems) }

        let id = incident.id.description
        let findingIDs = Set(findings.map(\.id.description)), followUpIDs = Set(followUps.map(\.id.description))
        for e in events where e.incident != incident.id {
            problems.append(Problem(record: "\(id) \(e.id)", field: "incident", "says \(e.incident) but the event is filed under \(id)"))
        }
        for f in findings {
            if f.incident != incident.id {
                problems.append(Problem(record: "\(id) \(f.id)", field: "incident", "says \(f.incident) but the finding is filed under \(id)"))
            }
            for link in f.followups where !followUpIDs.contains(link) {
                problems.append(Problem(record: "\(id) \(f.id)", field: "followups", "names \(link), which is not a follow-up of \(id)"))
            }
            for ev in f.evidence { if let p = Evidence.validate(ev) { problems.append(Problem(record: "\(id) \(f.id)", field: "evidence", p)) } }
        }
        for fu in followUps {
            if fu.incident != incident.id {
                problems.append(Problem(record: "\(id) \(fu.id)", field: "incident", "says \(fu.incident) but the follow-up is filed under \(id)"))
            }
            for link in fu.findings where !findingIDs.contains(link) {
                problems.append(Problem(record: "\(id) \(fu.id)", field: "findings", "names \(link), which is not a finding of \(id)"))
            }
            if fu.status == .notDoing && (fu.notDoing ?? "").isEmpty {
                problems.append(Problem(record: "\(id) \(fu.id)", field: "not_doing", "status is not-doing but no reason is given"))
            }
        }
        let bundle = IncidentBundle(incident: incident, dir: loc.dir, events: events, findings: findings, followUps: followUps)
        return (bundle, problems)
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
