import Foundation

/// A sign-off of an incident's postmortem: who, with which key, when. Written by
/// `inquest approve` in a commit signed by that key; it counts for the policy's
/// `signoff_by_other` only when that commit verifies (see `signoffProblems`).
///
/// In `incident.md`:
///
///     approvals:
///       - {by: Bob Example, email: bob@example.com, key: "SHA256:…", at: 2026-11-28T12:00:00Z}
public struct Approval: Hashable, Sendable {
    public var by: String
    public var email: String
    /// The fingerprint of the signing key: `SHA256:…` (SSH) or 40 hex digits (OpenPGP).
    public var key: String
    public var at: Timestamp
    /// Keys written by hand inside the entry, kept.
    public var extra: [YAMLPair] = []

    public init(by: String, email: String, key: String, at: Timestamp) {
        self.by = by
        self.email = email
        self.key = key
        self.at = at
    }

    static let key = "approvals"
    private static let known = ["by", "email", "key", "at"]

    /// The approvals of a record; an entry missing a part is a problem, not dropped.
    static func read(_ r: inout FieldReader) -> [Approval] {
        r.mapList(key).compactMap { pairs in
            let get = { (k: String) in pairs.first { $0.key == k }?.value.scalarText }
            guard let by = get("by"), let email = get("email"), let keyText = get("key"),
                  let atText = get("at"), let at = Timestamp.parse(atText, now: Date()), atText.lowercased() != "now" else {
                r.fail(key, "each approval needs by, email, key and at (a date-time)")
                return nil
            }
            var a = Approval(by: by, email: email, key: keyText, at: at)
            a.extra = pairs.filter { !known.contains($0.key) }
            return a
        }
    }

    static func write(_ approvals: [Approval], _ w: inout FieldWriter) {
        guard !approvals.isEmpty else { return }
        w.raw(key, .list(approvals.map { a in
            .map([YAMLPair("by", .string(a.by)), YAMLPair("email", .string(a.email)),
                  YAMLPair("key", .string(a.key)), YAMLPair("at", .string(a.at.description))] + a.extra)
        }))
    }
}
