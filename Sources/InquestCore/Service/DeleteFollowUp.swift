import Foundation

extension Postmortems {
    /// Deletes a follow-up, and its links from the incident's findings, in one commit.
    @discardableResult
    public func deleteFollowUp(_ idText: String) throws -> RecordID {
        var result: RecordID?
        try store.write(try writer()) { snap, changes in
            let loc = try snap.locate(idText, kinds: [.followUp])
            result = loc.id
            changes.delete(loc.path)
            changes.touch(loc.id.description)
            for f in try snap.children(of: loc.incident, in: Layout.findingsDir) {
                var finding = try snap.read(Finding.self, at: f.path)
                guard finding.followups.contains(loc.id.description) else { continue }
                finding.followups.removeAll { $0 == loc.id.description }
                changes.put(finding, at: f.path)
            }
            return "\(loc.incident.id): delete \(loc.id)"
        }
        return result!
    }
}
