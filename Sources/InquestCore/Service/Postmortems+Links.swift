import Foundation
import GitKit

/// Follow-ups joined to the code that fixes them: hand links, where each fix is, the audit
/// of done follow-ups, and the user's own open ones.
extension Postmortems {
    /// The code history joined to a snapshot's follow-ups (an incremental scan).
    public func codeLinks(_ snap: Snapshot) throws -> CodeLinks {
        try validator(snap).codeLinks()
    }

    /// `inquest followup link FU REV|URL`: records a commit (resolved to its full id) or a
    /// URL on the follow-up, through the normal write path (one commit, signed as configured).
    /// A hand link is shown everywhere but proves nothing (see docs/followup-proof.md).
    @discardableResult
    public func link(_ idText: String, to target: String) throws -> (id: RecordID, link: String) {
        let text = target.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { throw InquestError.invalid("link: give a commit (any revision) or a URL") }
        if let p = TextRules.singleLineProblem(text) { throw InquestError.invalid("link: \(p)") }
        let value: String
        if let commit = store.repository.commitIfPresent(text), !text.contains("://") {
            value = commit.hex
        } else if let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                  ["http", "https"].contains(scheme), url.host != nil {
            value = text
        } else {
            throw InquestError.invalid("link: '\(text)' is neither a commit in this repository nor an http(s) URL",
                                       hint: "fetch the commit first, or give the merge request's URL")
        }
        var result: RecordID?
        try store.write(try writer()) { snap, changes in
            let loc = try snap.locate(idText, kinds: [.followUp])
            result = loc.id
            var fu = try snap.read(FollowUp.self, at: loc.path)
            if fu.links.contains(value) { return "" }
            fu.links.append(value)
            changes.put(fu, at: loc.path)
            changes.touch(loc.id.description)
            let shown = value.count == 40 && !value.contains(":") ? String(value.prefix(10)) : value
            return "\(loc.incident.id): \(loc.id) link \(shown)"
        }
        return (result!, value)
    }

    /// A follow-up with where its fix is and what the policy asks before it is done.
    public struct FollowUpDetail {
        public let incident: Incident
        public let followUp: FollowUp
        public let proof: FollowUpProof
        public let requirement: DoneRequirement
        /// What is missing for `requirement`, or nil when it is met.
        public let missing: String?
    }

    /// Proof details for follow-ups of the current branch (one scan for all of them).
    public func details(_ rows: [(incident: Incident, followUp: FollowUp)], snapshot snap: Snapshot? = nil) throws -> [FollowUpDetail] {
        let snap = try snap ?? snapshot()
        let v = try validator(snap)
        let links = try v.codeLinks()
        return try rows.map { (incident, fu) in
            let need = v.doneRequirement(fu.followUpKind)
            let missing: String?
            switch need {
            case .none: missing = nil
            case .note: missing = try v.doneProblems(fu).first?.message
            case .merged, .shipped: missing = try links.missing(fu, requirement: need)
            }
            return FollowUpDetail(incident: incident, followUp: fu, proof: try links.proof(of: fu),
                                  requirement: need, missing: missing)
        }
    }

    /// `inquest show FU`.
    public func followUpDetail(_ idText: String) throws -> FollowUpDetail {
        let snap = try snapshot()
        let loc = try snap.locate(idText, kinds: [.followUp])
        let fu = try snap.read(FollowUp.self, at: loc.path)
        let incident = try snap.incident(loc.incident)
        return try details([(incident, fu)], snapshot: snap)[0]
    }

    /// `inquest followups --audit`: follow-ups marked done whose proof no longer holds:
    /// the policy's `done_requires` for their kind is not met (the fix was reverted, or is
    /// no longer reachable from main after a force-push), or, whatever the policy, every
    /// fix they had on main was reverted.
    public func audit() throws -> [FollowUpDetail] {
        let snap = try snapshot()
        let done = try snap.allFollowUps().filter { $0.followUp.status == .done }
        return try details(done, snapshot: snap).filter { d in
            if d.missing != nil { return true }
            let fixes = d.proof.links.filter { $0.source == .fixes }
            return fixes.contains { $0.state == .reverted } && !fixes.contains(where: \.provesMerged)
        }.sorted { $0.followUp.id < $1.followUp.id }
    }

    /// The user's identity for `--mine`: git's author name and email.
    public func currentUser() throws -> (name: String, email: String) {
        let s = try store.identity(.author)
        return (s.name, s.email)
    }

    /// Whether `owner` (as written on a follow-up) is the user: the email itself, a
    /// `Name <email>` form, the email's local part, or the user's name; case-insensitive.
    public static func owner(_ owner: String?, isUser user: (name: String, email: String)) -> Bool {
        guard let owner = owner?.trimmingCharacters(in: .whitespaces).lowercased(), !owner.isEmpty else { return false }
        let email = user.email.lowercased()
        if owner == email || owner.contains("<\(email)>") { return true }
        if let at = email.firstIndex(of: "@"), owner == String(email[..<at]) { return true }
        return owner == user.name.lowercased()
    }
}
