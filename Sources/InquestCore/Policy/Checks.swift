import Foundation
import GitKit

/// The result of checking records against the schema and the policy.
public struct CheckReport: Sendable {
    public var checked: Int = 0
    public var problems: [Problem] = []
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
    public func checkChanges(since old: OID?) throws -> CheckReport {
        guard let new = snapshot.tree else { return CheckReport() }
        let touched = try TouchedIncidents(snapshot.repository, from: old, to: new)
        var report = CheckReport()
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
            report.problems += try problems(of: loc)
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
}

extension Postmortems {
    /// `inquest check [ID...]`: the named incidents, or all of them.
    public func check(_ ids: [String]) throws -> CheckReport {
        let snap = try snapshot()
        let v = try validator(snap)
        var report = CheckReport()
        let locations = ids.isEmpty ? try snap.incidents() : try ids.map { try snap.locate($0, kinds: [.incident]).incident }
        for loc in locations {
            report.checked += 1
            report.problems += try v.problems(of: loc)
        }
        return report
    }

    /// `inquest check --range A..B`: what the commits from A to B changed, as of B.
    public func check(range: String) throws -> CheckReport {
        let parts = range.components(separatedBy: "..")
        guard parts.count == 2, !parts[1].isEmpty, !parts[1].hasPrefix(".") else {
            throw InquestError.invalid("'\(range)' is not a range like A..B")
        }
        let repo = store.repository
        func resolve(_ spec: String) throws -> OID {
            do { return try repo.resolveCommit(spec) } catch {
                throw InquestError.invalid("'\(spec)' is not a commit here")
            }
        }
        let to = try resolve(parts[1])
        let from = parts[0].isEmpty ? nil : try resolve(parts[0])
        let base = try from.flatMap { try repo.mergeBase($0, to) }
        let snap = try store.snapshot(at: to)
        let oldTree = try base.map { try repo.commit($0).tree }
        return try validator(snap).checkChanges(since: oldTree)
    }
}
