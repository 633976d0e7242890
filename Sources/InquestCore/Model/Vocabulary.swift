/// A closed set of words a field accepts; parsing names the allowed values on failure.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Hashable, Sendable {}

extension Vocabulary {
    public static var allowed: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public static func parse(_ raw: String) -> Self? {
        Self(rawValue: raw) ?? Self(rawValue: raw.trimmedSpaces.lowercased())
    }
}

public enum Severity: String, Vocabulary, Comparable {
    case sev1, sev2, sev3, sev4
    /// sev1 is the worst; "less than" means "more severe".
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// The lifecycle of an incident, in order.
public enum IncidentStatus: String, Vocabulary {
    case open, resolved, review, approved, closed

    public var rank: Int { Self.allCases.firstIndex(of: self)! }
    public var next: IncidentStatus? { rank + 1 < Self.allCases.count ? Self.allCases[rank + 1] : nil }
}

public enum EventKind: String, Vocabulary {
    case detection, escalation, action, decision, communication, containment, eradication,
         recovery, attackerActivity = "attacker-activity", observation
}

public enum FindingCategory: String, Vocabulary {
    case technicalLapse = "technical-lapse"
    case proceduralFailure = "procedural-failure"
    case manualError = "manual-error"
    case processFlaw = "process-flaw"
    case communicationGlitch = "communication-glitch"
    case unknownAttackVector = "unknown-attack-vector"
}

public enum FollowUpKind: String, Vocabulary {
    case bug
    case changeRequest = "change-request"
    case process
    case sopUpdate = "sop-update"
    case investment
}

public enum Priority: String, Vocabulary {
    case p1, p2, p3
}

public enum FollowUpStatus: String, Vocabulary {
    case open
    case inProgress = "in-progress"
    case blocked, done
    case notDoing = "not-doing"

    /// Done or deliberately not done: nothing more to review.
    public var isResolved: Bool { self == .done || self == .notDoing }
}

import Foundation
