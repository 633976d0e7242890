import Foundation
import GitKit

/// The result of checking records against the schema and the policy.
public struct CheckReport: Sendable {
    public var checked: Int = 0
    public var problems: [Problem] = []
    /// For each incident checked, the highest status it could move to (filled for ranges
    /// and `--as`).
    public var readiness: [Readiness] = []
    /// The status the incidents were checked against (`--as`), or nil for their own.
    public var target: IncidentStatus?
    /// The change rewrites `.inquest/policy.yml`; touched incidents were checked against
    /// the policy before it too.
    public var policyChanged = false
    public var ok: Bool { problems.isEmpty }
}

/// Which incidents a change touched, between two trees of the branch.
struct TouchedIncidents {
    var dirs: Set<String> = []
    /// Incidents whose folder is gone in the new tree.
    var deleted: [String] = []
    /// Follow-up files added or changed: (path, the old blob if there was one).
    var followUps: [(path: String, old: OID?)] = []

    init(_ repo: Repository, from old: OID?, to new: OID) throws {
        var incidentFiles: [String: (old: Bool, new: Bool)] = [:]
        for change in try repo.diffTrees(old, new) {
            let parts = change.path.split(separator: "/")
            guard parts.count >= 4, parts[0] == Substring(Layout.incidentsRoot) else { continue }
            let dir = parts[0...2].joined(separator: "/")
            dirs.insert(dir)
            if parts.count == 4 && parts[3] == Substring(Layout.incidentFile) {
                incidentFiles[dir] = (change.status != .added, change.status != .deleted)
            }
            if parts.count == 5 && parts[3] == Substring(Layout.followUpsDir) && change.status != .deleted {
                followUps.append((change.path, change.oldID))
            }
        }
        for (dir, state) in incidentFiles where state.old && !state.new {
            if try repo.treeEntry(at: dir, in: new) == nil { deleted.append(dir) }
        }
        deleted.sort()
    }
}

extension Validator {
    /// Checks the incidents changed between `old` and the snapshot, and refuses deletions:
    /// what a pull request, a push or a commit must pass.
    ///
    /// When the change also rewrites `.inquest/policy.yml`, the touched incidents must meet
    /// the policy before the change as well: relaxing a gate and slipping in a record that
    /// only the relaxed gate lets through, in one pull request or push, is refused.
    /// `statusByTree`: judge status moves between the two trees (one commit, as pre-commit
    /// sees it); the push rules instead judge them commit by commit, since a push of several
    /// commits may rightly move an incident several steps.
    public func checkChanges(since old: OID?, as target: IncidentStatus? = nil,
                             readiness: Bool = false, statusByTree: Bool = true) throws -> CheckReport {
        guard let new = snapshot.tree else { return CheckReport() }
        let touched = try TouchedIncidents(snapshot.repository, from: old, to: new)
        var report = CheckReport()
        let repo = snapshot.repository
        let oldPolicy = try old.flatMap { try repo.treeEntry(at: Layout.policyPath, in: $0)?.id }
        let newPolicy = try repo.treeEntry(at: Layout.policyPath, in: new)?.id
        var previous: Validator?
        if let old, oldPolicy != newPolicy {
            report.policyChanged = true
            let before = Snapshot(repository: repo, tree: old)
            do {
                previous = try Validator(snapshot: snapshot, policy: try before.data(at: Layout.policyPath), environment: environment)
            } catch is InquestError {
                previous = nil // the old policy did not read; the new one is checked as usual
            }
        }
        report.problems += try TreeHygiene.newProblems(in: snapshot.repository, from: old, to: new, only: touched.dirs)
        for dir in touched.deleted {
            report.problems.append(Problem(path: dir, record: String(dir.split(separator: "/").last ?? ""),
                                           "the incident was deleted; incidents are never deleted (close it instead)"))
        }
        let byDir = Dictionary(try snapshot.incidents().map { ($0.dir, $0) }, uniquingKeysWith: { a, _ in a })
        for dir in touched.dirs.sorted() {
            guard let loc = byDir[dir] else {
                if !touched.deleted.contains(dir) {
                    report.problems.append(Problem(path: dir, "is not an incident folder (incidents/YYYY-MM/INC-ID)"))
                }
                continue
            }
            report.checked += 1
            try add(loc, as: target, readiness: readiness, to: &report)
            if let previous {
                var strict = CheckReport()
                try previous.add(loc, as: target, readiness: false, to: &strict)
                let seen = Set(report.problems.map(\.description))
                report.problems += strict.problems.filter { !seen.contains($0.description) }
                    .map { var p = $0; p.message += " (under the policy before this change)"; return p }
            }
            if let old { report.problems += try lifecycleProblems(loc, oldTree: old, status: statusByTree) }
        }
        report.problems += try newlyDoneProblems(touched.followUps)
        return report
    }

    /// `done_requires` for every follow-up this change marks done (it was not done before,
    /// or did not exist): the same rule `followup set FU status=done` applies.
    func newlyDoneProblems(_ changed: [(path: String, old: OID?)]) throws -> [Problem] {
        var out: [Problem] = []
        for (path, old) in changed {
            guard let data = try snapshot.data(at: path), let fu = try? FollowUp(data: data, path: path),
                  fu.status == .done else { continue }
            if let old, let before = try? FollowUp(data: try snapshot.repository.readBlob(old), path: path),
               before.status == .done { continue }
            out += try doneProblems(fu)
        }
        return out
    }

    /// Checks one incident at its own status or against `target`'s gates, and says how far
    /// it could go.
    func add(_ loc: IncidentLocation, as target: IncidentStatus?, readiness: Bool, to report: inout CheckReport) throws {
        report.target = target
        guard target != nil || readiness else {
            report.problems += try problems(of: loc)
            return
        }
        let (bundle, schema) = try load(loc)
        report.problems += schema
        guard let bundle else { return }
        report.problems += try gateProblems(bundle.at(target ?? bundle.incident.status), at: target ?? bundle.incident.status)
        report.readiness.append(try self.readiness(bundle, schemaProblems: schema.count))
    }

    /// A hand commit moves an incident only as `status` would: one step forward (the gates
    /// of the new status are checked above) or back; `created` never changes.
    func lifecycleProblems(_ loc: IncidentLocation, oldTree: OID, status: Bool = true) throws -> [Problem] {
        let path = Layout.incidentPath(dir: loc.dir)
        let oldSnap = Snapshot(repository: snapshot.repository, tree: oldTree)
        guard let oldData = try oldSnap.data(at: path), let before = try? Incident(data: oldData, path: path),
              let newData = try snapshot.data(at: path), let after = try? Incident(data: newData, path: path) else { return [] }
        var out: [Problem] = []
        let id = loc.id.description
        if status, let p = Self.skippedStep(before, after) { out.append(p) }
        if after.created != before.created {
            out.append(Problem(record: id, field: "created", "changed from \(before.created) to \(after.created); it cannot be changed"))
        }
        return out
    }
}

extension Postmortems {
    /// `inquest check [ID...] [--as STATUS]`: the named incidents, or all of them, at their
    /// own status or against the gates of `target`.
    public func check(_ ids: [String], as target: IncidentStatus? = nil) throws -> CheckReport {
        let snap = try snapshot()
        let v = try validator(snap)
        var report = CheckReport()
        if ids.isEmpty, let tree = snap.tree {
            report.problems += try TreeHygiene.problems(in: store.repository, tree: tree)
        }
        let locations = ids.isEmpty ? try snap.incidents() : try ids.map { try snap.locate($0, kinds: [.incident]).incident }
        for loc in locations {
            report.checked += 1
            try v.add(loc, as: target, readiness: target != nil, to: &report)
        }
        return report
    }

    /// `inquest check --range A..B|A...B|REV`: the incidents the range changed, as they are
    /// at its end, with the highest status each could move to. A single revision checks what
    /// that commit changed.
    public func check(range text: String, as target: IncidentStatus? = nil) throws -> CheckReport {
        let range = try RevisionRange.parse(text, option: "--range")
        let resolved = try store.resolve(range, singleMeansHistory: false)
        // The very rules the server's pre-receive applies to a push from A to B.
        return try PushRules(store: store).judge(from: resolved.before, to: resolved.after, as: target, readiness: true)
    }
}

extension Validator {
    /// A forward move of more than one step (`open` to `closed`), as one commit made it.
    static func skippedStep(_ before: Incident, _ after: Incident, commit: String? = nil) -> Problem? {
        guard after.status.rank > before.status.rank && after.status != before.status.next else { return nil }
        let inCommit = commit.map { " in commit \($0)" } ?? ""
        return Problem(record: after.id.description, field: "status",
                       "moved from \(before.status.rawValue) to \(after.status.rawValue)\(inCommit); the lifecycle moves one step at a time (next is \(before.status.next?.rawValue ?? "nothing"))")
    }
}
