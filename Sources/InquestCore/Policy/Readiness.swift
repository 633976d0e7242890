import Foundation

/// How far an incident could go along its lifecycle as it stands: the highest status whose
/// gates (every gate up to it) it passes. What a reviewer asks of a pull request: "is this
/// ready for review?"
public struct Readiness: Sendable, Hashable {
    public let id: RecordID
    public let title: String
    public let status: IncidentStatus
    /// The highest status it passes every gate of; below `status` when it fails its own.
    /// Nil when its records do not even read (schema problems).
    public let highest: IncidentStatus?
    /// What stops it at the status after `highest` (empty at `closed`).
    public let blockers: [Problem]

    /// The next status in the lifecycle and whether it may move there now.
    public var next: IncidentStatus? { status.next }
    public var canMoveOn: Bool { guard let next, let highest else { return false } ; return highest.rank >= next.rank }
    /// False when it does not meet the gates of the status it is already at.
    public var meetsOwnStatus: Bool { highest.map { $0.rank >= status.rank } ?? false }
}

extension IncidentBundle {
    /// The bundle as if its incident were at `status` (gates may depend on it).
    func at(_ status: IncidentStatus) -> IncidentBundle {
        var copy = self
        copy.incident.status = status
        return copy
    }
}

extension Validator {
    /// The highest status `bundle` passes the gates of, walking the lifecycle from `open`.
    public func readiness(_ bundle: IncidentBundle, schemaProblems: Int = 0) throws -> Readiness {
        var highest: IncidentStatus?
        var blockers: [Problem] = []
        if schemaProblems == 0 {
            for status in IncidentStatus.allCases {
                let problems = try gateProblems(bundle.at(status), at: status)
                if !problems.isEmpty { blockers = problems; break }
                highest = status
            }
        }
        return Readiness(id: bundle.incident.id, title: bundle.incident.title, status: bundle.incident.status,
                         highest: highest, blockers: blockers)
    }
}
