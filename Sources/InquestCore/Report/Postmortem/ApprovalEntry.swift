import Foundation

/// A sign-off as a report shows it: who approved, and when (from `inquest approve`'s
/// `approvals` list; the report shows what is recorded, `inquest verify` checks signatures).
public struct ApprovalEntry: Hashable, Sendable {
    public let by: String
    public let email: String?
    public let at: Timestamp?
    /// Why it does not count as a sign-off (nil: it counts, or was not checked).
    public var notCounting: String? = nil

    public static func of(_ incident: Incident, statuses: [ApprovalStatus] = []) -> [ApprovalEntry] {
        incident.approvals.map { a in
            var e = ApprovalEntry(by: a.by, email: a.email.isEmpty ? nil : a.email, at: a.at)
            if let s = statuses.first(where: { $0.approval == a }), !s.counts { e.notCounting = s.reason ?? "not verified" }
            return e
        }
    }

    /// `Bob Example <bob@example.com>, 2026-11-28T12:00:00Z`
    public var description: String {
        var s = by
        if let email { s += " <\(email)>" }
        if let at { s += ", \(at)" }
        if let notCounting { s += " (does not count: \(notCounting))" }
        return s
    }
}
