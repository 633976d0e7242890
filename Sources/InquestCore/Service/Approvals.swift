import Foundation

extension Postmortems {
    /// What `approve` did.
    public struct ApprovalOutcome: Sendable {
        public let incident: RecordID
        public let approval: Approval
        /// False when this very approval was already recorded.
        public let recorded: Bool
        /// Why the sign-off gate is still not satisfied after it (empty when it is).
        public let gateProblems: [Problem]
    }

    /// Records a sign-off by the user in the incident, in a commit that is always signed
    /// (whatever `commit.gpgsign` says): the approval names the signing key's fingerprint,
    /// and counts only if that commit verifies against the trust roots (`signoffProblems`).
    public func approve(_ idText: String) throws -> ApprovalOutcome {
        let signer = try requiredSigner(for: "approve")
        let key = try publicKey(of: signer)
        let me = try store.identity(.author)
        let approval = Approval(by: me.name, email: me.email, key: key.fingerprint, at: Timestamp(now))
        var id: RecordID?
        let commit = try store.write(Writer(signer: signer)) { snap, changes in
            let loc = try snap.locate(idText, kinds: [.incident])
            id = loc.id
            var incident = try snap.incident(loc.incident)
            if incident.approvals.contains(approval) { return "" }
            incident.approvals.append(approval)
            changes.put(incident, at: loc.path)
            return "\(loc.id): approved by \(me.name) <\(me.email)>"
        }
        let snap = try snapshot()
        let bundle = try snap.bundle(try snap.locate(id!.description, kinds: [.incident]).incident)
        let problems = try signoffProblems(for: bundle, snapshot: snap, environment: store.environment)
        return ApprovalOutcome(incident: id!, approval: approval, recorded: commit != nil, gateProblems: problems)
    }
}
