import Foundation
import GitKit

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
        try refuseSelfApproval(idText, key: key, me: me)
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
        let verifier = try self.verifier()
        defer { verifier.close() }
        let problems = try signoffProblems(for: bundle, snapshot: snap, verifier: verifier)
        return ApprovalOutcome(incident: id!, approval: approval, recorded: commit != nil, gateProblems: problems)
    }

    /// An author's sign-off never counts: say so before writing it. The author is the owner
    /// of the key that signed the creating commit, or, when that commit is not good, the
    /// author email it claims.
    private func refuseSelfApproval(_ idText: String, key: TrustedKey.Material, me: Signature) throws {
        let snap = try snapshot()
        let loc = try snap.locate(idText, kinds: [.incident])
        guard let tip = snap.commit else { return }
        let verifier = try self.verifier()
        defer { verifier.close() }
        let origins = try IncidentOrigins(verifier: verifier, tip: tip, incidentPath: loc.path)
        let author = try incidentAuthor(origins, verifier)
        let mine = try verifier.rootsInForce(after: tip).keys.first { $0.material == key }
        let myEmails = Set([me.email.lowercased()] + (mine.map { [$0.owner.email.lowercased()] } ?? []))
        let fingerprint = TrustedKey(material: key, owner: KeyOwner(name: me.name, email: me.email)).fingerprint.uppercased()
        guard !author.emails.isDisjoint(with: myEmails) || author.provenKey == fingerprint else { return }
        let how = author.proven.map { "its creating commit was signed by your key (\($0))" }
            ?? "its creating commit names \(author.emails.sorted().joined(separator: ", ")) as author"
        throw InquestError(.policy, "you created \(loc.id) (\(how)): an author's sign-off never counts, so nothing was written",
                           hint: "ask a trusted signer who is not the author to run `inquest approve \(loc.id)`")
    }

    /// One verifier for a run, holding to the branch's root as `verify` decides it.
    func verifier() throws -> CommitVerifier {
        let v = try CommitVerifier(store: store)
        if let tip = try store.tip { try decideRoot(v, tip: tip) }
        return v
    }
}
