import Foundation

/// A sign-off as a report shows it: who approved, and when (from `inquest approve`'s
/// `approvals` list; the report shows what is recorded, `inquest verify` checks signatures).
public struct ApprovalEntry: Hashable, Sendable {
    public let by: String
    public let email: String?
    public let at: Timestamp?

    public static func of(_ incident: Incident) -> [ApprovalEntry] {
        incident.approvals.map { ApprovalEntry(by: $0.by, email: $0.email.isEmpty ? nil : $0.email, at: $0.at) }
    }

    /// `Bob Example <bob@example.com>, 2026-11-28T12:00:00Z`
    public var description: String {
        var s = by
        if let email { s += " <\(email)>" }
        if let at { s += ", \(at)" }
        return s
    }
}
