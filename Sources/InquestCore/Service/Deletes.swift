import Foundation

extension Postmortems {
    /// Deletes a follow-up, and its links from the incident's findings, in one commit.
    @discardableResult
    public func deleteFollowUp(_ idText: String) throws -> RecordID {
        try deleteRecord(idText, kind: .followUp)
    }

    /// Deletes a finding, and its links from the incident's follow-ups, in one commit.
    /// The follow-ups themselves stay: they are work someone owns.
    @discardableResult
    public func deleteFinding(_ idText: String) throws -> RecordID {
        try deleteRecord(idText, kind: .finding)
    }

    /// Deletes a timeline event in one commit.
    @discardableResult
    public func deleteEvent(_ idText: String) throws -> RecordID {
        try deleteRecord(idText, kind: .event)
    }

    /// One delete for every kind of record under an incident, so the rules are the same for
    /// all: refused once the incident is approved (an approval covers what was approved, and
    /// `log` keeps the deletion visible otherwise), links to the record removed in the same
    /// commit so no dangling ID is left behind. A concurrent edit of the deleted record on
    /// another clone survives the next sync as a conflict on `record` (edit beats delete).
    private func deleteRecord(_ idText: String, kind: RecordKind) throws -> RecordID {
        var result: RecordID?
        try verifiedWrite { snap, changes in
            let loc = try snap.locate(idText, kinds: [kind])
            result = loc.id
            let incident = try snap.incident(loc.incident)
            if incident.status.rank >= IncidentStatus.approved.rank {
                throw InquestError.invalid(
                    "\(loc.id): cannot delete \(withArticle(kind.noun)) of \(loc.incident.id), which is \(incident.status.rawValue)",
                    hint: "reopen the incident first (`inquest status \(loc.incident.id) review`), so the deletion is approved again")
            }
            changes.delete(loc.path)
            changes.touch(loc.id.description)
            let id = loc.id.description
            switch kind {
            case .followUp:
                for f in try snap.children(of: loc.incident, in: Layout.findingsDir) {
                    var finding = try snap.read(Finding.self, at: f.path)
                    guard finding.followups.contains(id) else { continue }
                    finding.followups.removeAll { $0 == id }
                    changes.put(finding, at: f.path)
                }
            case .finding:
                for f in try snap.children(of: loc.incident, in: Layout.followUpsDir) {
                    var fu = try snap.read(FollowUp.self, at: f.path)
                    guard fu.findings.contains(id) else { continue }
                    fu.findings.removeAll { $0 == id }
                    changes.put(fu, at: f.path)
                }
            case .event, .incident:
                break
            }
            return "\(loc.incident.id): delete \(loc.id)"
        }
        return result!
    }
}
