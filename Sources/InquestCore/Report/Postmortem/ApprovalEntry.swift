import Foundation

/// A sign-off as a report shows it.
///
/// `inquest approve` (on its way from the signing work) writes an `approvals` list to the
/// incident's front matter, each entry a mapping with at least `by` and `at`. Until the model
/// knows that key it is kept among the incident's unknown keys, and read from there; this is
/// the one place to change when it becomes a field.
public struct ApprovalEntry: Hashable, Sendable {
    public let by: String
    public let email: String?
    public let at: Timestamp?

    public static func of(_ incident: Incident) -> [ApprovalEntry] {
        guard let value = incident.extra.first(where: { $0.key == "approvals" })?.value,
              case .list(let items) = value else { return [] }
        return items.compactMap { item in
            guard case .map(let pairs) = item else { return nil }
            func get(_ key: String) -> String? {
                guard let v = pairs.first(where: { $0.key == key })?.value, !v.isNull else { return nil }
                return v.scalarText
            }
            guard let by = get("by"), !by.isEmpty else { return nil }
            return ApprovalEntry(by: by, email: get("email"),
                                 at: get("at").flatMap { Timestamp.parse($0, now: Timestamp(seconds: 0).date) })
        }
    }

    /// `Bob Example <bob@example.com>, 2026-11-28T12:00:00Z`
    public var description: String {
        var s = by
        if let email { s += " <\(email)>" }
        if let at { s += ", \(at)" }
        return s
    }
}
