import Foundation
import GitKit

extension Postmortems {
    /// A write to records, checked against the policy before it is committed: a change that
    /// would leave an incident short of the gates of the status it is at (emptying a
    /// finding's evidence at `review`, clearing a follow-up's owner) is refused with the
    /// problems the hooks would report, exit 1, nothing written. Offline, the user learns it
    /// now rather than at the next push.
    ///
    /// Only problems the change adds count: an incident that was already short (imported,
    /// or committed by hand) can still be mended one step at a time. A finding added by this
    /// change may still lack its follow-up: follow-ups name their findings, so the follow-up
    /// can only be added by the next command. `verifyWrites = false`
    /// (`--no-verify`, as for `git commit`) skips the check; the hooks still enforce it.
    @discardableResult
    func verifiedWrite(_ change: (Snapshot, inout ChangeSet) throws -> String) throws -> OID? {
        try store.write(try writer()) { snap, changes in
            let subject = try change(snap, &changes)
            if verifyWrites && !changes.isEmpty { try refuseNewGateProblems(before: snap, changes) }
            return subject
        }
    }

    private func refuseNewGateProblems(before snap: Snapshot, _ changes: ChangeSet) throws {
        let dirs = Set(changes.changes.keys.compactMap(Self.incidentDir))
        guard !dirs.isEmpty else { return }
        let after = Snapshot(repository: store.repository, tree: try store.buildTree(base: snap.tree, changes))
        let validator = try validator(after)
        // Records this change adds, by ID (a finding's follow-up can only come after it).
        var added = Set<String>()
        for (path, change) in changes.changes {
            if case .put = change, try snap.data(at: path) == nil,
               let id = Layout.recordID(fileName: String(path.split(separator: "/").last ?? "")) {
                added.insert(id.description)
            }
        }
        var lines: [String] = []
        for dir in dirs.sorted() {
            guard let loc = try after.incident(atDir: dir) else { continue } // deleted
            let bundle = try after.bundle(loc)
            let status = bundle.incident.status
            var now = try validator.gateProblems(bundle, at: status)
            if let old = try snap.incident(atDir: dir) {
                let was = Set(try validator.gateProblems(try snap.bundle(old), at: status).map(\.description))
                now.removeAll { was.contains($0.description) }
            }
            now.removeAll { p in p.field == "followups" && p.record.map { r in added.contains { r.hasSuffix($0) } } == true }
            guard !now.isEmpty else { continue }
            lines.append("\(loc.id) is at \(status.rawValue); this change would leave it short of what \(status.rawValue) needs:")
            lines += now.map { "  \($0)" }
        }
        if !lines.isEmpty {
            throw InquestError(.policy, lines,
                               hint: "fix the change, or move the incident back first; --no-verify skips this check (the server's hook still enforces it)")
        }
    }

    /// `incidents/YYYY-MM/INC-…` for a path under an incident's folder.
    private static func incidentDir(_ path: String) -> String? {
        let parts = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == Substring(Layout.incidentsRoot) else { return nil }
        return parts[0...2].joined(separator: "/")
    }
}
