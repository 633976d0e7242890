import Foundation
import Testing
import TestSupport

/// Each attack on the audit trail (issue 9), run end to end: the attacker's commits are
/// crafted with git plumbing and pushed to a real `git daemon` whose bare repository has
/// `inquest hooks install --server`. The server must refuse them with a clear `remote:`
/// line and keep its branch; and a fresh clone (empty HOME) of a mirror that took them
/// anyway must not report them as good.
@Suite(.serialized) struct TrustAttackTests {
    static let allowedSigners = ".inquest/trust/allowed_signers"

    @Test func graftedRootAndMergeAreRefusedAndNeverGood() throws {
        let a = try AttackWorld()
        let dir = try a.clone(a.mallory)
        let tip = try a.serverTip
        // A parentless commit whose trust roots hold only Mallory's key, marked as an explicit
        // `trust init`, then a merge with it as first parent and the server's tip as second.
        let mine = "mallory@example.com namespaces=\"git\" \(a.mallory.pubLine.split(separator: " ").prefix(2).joined(separator: " "))\n"
        let forged = try a.tree(in: dir, from: tip, [Self.allowedSigners: mine])
        let root = try a.commit(in: dir, as: a.mallory, tree: forged, parents: [],
                                message: "init postmortems branch\n\nInquest-Trust: init")
        let merge = try a.commit(in: dir, as: a.mallory, tree: forged, parents: [root, tip], message: "sync: merge origin/postmortems")
        try a.expectRefused(from: dir, merge, "does not keep \(tip.prefix(10))")
        // The same two commits the other way round keep the tip first, but bring a second root.
        let sneaky = try a.commit(in: dir, as: a.mallory, tree: forged, parents: [tip, root], message: "sync: merge")
        try a.expectRefused(from: dir, sneaky, "has no parent")

        // `check --range` in the attacker's clone applies the same rules.
        let check = try a.sandbox.inquest(["check", "--range", "\(tip)..\(merge)"], in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains("does not keep \(tip.prefix(10))"), "\(check.stdout)")

        // So does the client's pre-push hook, before anything leaves the laptop.
        try a.sandbox.ok(["hooks", "install"], in: dir)
        let local = try a.pushToServer(from: dir, merge)
        #expect(local.status != 0)
        #expect(local.stderr.contains("inquest: push of refs/heads/postmortems refused:"), "\(local.stderr)")
        #expect(local.stderr.contains("does not keep \(tip.prefix(10))") && !local.stderr.contains("remote: inquest"), "\(local.stderr)")
        try a.sandbox.ok(["hooks", "uninstall"], in: dir)

        // A fresh clone of a server that took the graft: no pin yet and two roots, so
        // neither root is trusted, and the attacker's commits are bad.
        for attack in [merge, sneaky] {
            let fresh = try a.verifyFreshCloneOfMirror(after: attack, from: dir)
            #expect(fresh.states[root] == "bad", "\(fresh.states)")
            #expect(fresh.states[attack] == "bad", "\(fresh.states)")
            #expect(fresh.report["ok"] as? Bool == false)
            // `trust list` does not show Mallory's key in force.
            let list = try a.sandbox.inquest(["--branch", "postmortems", "trust", "list", "--json"], in: fresh.clone)
            let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(!entries.contains { (($0["owner"] as? String) ?? "").contains("mallory") && $0["in_force"] as? Bool == true },
                    "\(list.stdout)")
        }

        // A clone that pinned the branch's root refuses to take the grafted history.
        try a.sandbox.git(["remote", "add", "mirror", a.mirror], in: a.w.fx.repo)
        try a.sandbox.git(["push", "-q", "--force", a.mirror, "\(merge):refs/heads/postmortems"], in: dir)
        let refused = try a.w.run(a.alice, ["sync", "mirror"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("grafted"), "\(refused.stderr)")
        #expect(try a.w.fx.git("rev-parse", "postmortems").trimmed == tip)
    }

    @Test func trustChangeDroppedByAnUnsignedMergeIsRefusedAndExplained() throws {
        let a = try AttackWorld()
        let bobClone = try a.clone(a.bob)
        let old = try a.serverTip
        // Bob's laptop is lost: Alice removes his key, and the server takes it.
        try a.w.ok(a.alice, "trust", "remove", a.bob.email)
        try a.w.ok(a.alice, "sync")
        let removal = try a.serverTip
        // Whoever holds the laptop writes on Bob's old line, then merges the server's tip
        // into it unsigned, keeping the old line first: the removal arrives by the merge.
        try a.sandbox.git(["fetch", "-q", "origin"], in: bobClone)
        let mine = try a.tree(in: bobClone, from: old, ["notes.txt": "still here\n"])
        let ownCommit = try a.commit(in: bobClone, as: a.bob, tree: mine, parents: [old], message: "bob: notes")
        let merged = try a.tree(in: bobClone, from: removal, ["notes.txt": "still here\n"])
        let merge = try a.commit(in: bobClone, as: a.bob, tree: merged, parents: [ownCommit, removal],
                                 message: "Merge origin/postmortems", sign: false)
        try a.expectRefused(from: bobClone, merge, "does not keep \(removal.prefix(10))")
        // Kept first-parent, an unsigned merge is refused all the same where signing is required.
        let kept = try a.commit(in: bobClone, as: a.bob, tree: merged, parents: [removal, ownCommit],
                                message: "Merge bob", sign: false)
        try a.expectRefused(from: bobClone, kept, "unsigned")

        // On a fresh clone of a mirror that took it: the merge is not good, and verify says
        // the removal it carried did not count; `trust list` shows Bob's key still in force
        // though its file says otherwise, naming the merge.
        let fresh = try a.verifyFreshCloneOfMirror(after: merge, from: bobClone)
        #expect(fresh.states[merge] == "unsigned", "\(fresh.states)")
        let ignored = fresh.report["ignored_trust_changes"] as? [[String: Any]] ?? []
        #expect(ignored.contains { $0["commit"] as? String == merge && ($0["removed"] as? [String])?.isEmpty == false }, "\(ignored)")
        let list = try a.sandbox.inquest(["--branch", "postmortems", "trust", "list"], in: fresh.clone)
        #expect(list.stdout.contains("bob@example.com"), "\(list.stdout)")
        #expect(list.stdout.contains(String(merge.prefix(10))), "\(list.stdout)")
    }

    @Test func selfApprovalThroughAClaimedAuthorIsRefusedAndShownAsNotCounting() throws {
        // The default policy: signing not required. Mallory holds a trusted key.
        let a = try AttackWorld(requireSigned: false, trustMallory: true)
        let dir = try a.clone(a.mallory)
        let tip = try a.serverTip
        // She creates an incident unsigned, as Bob, approves it with her own key, and moves
        // it to approved by hand.
        let id = try a.w.fx.writeFullPostmortem { args in
            let r = try a.w.fx.sandbox.inquest(args + ["--no-sign"], in: a.w.fx.repo,
                                               env: a.bob.env.merging(["GIT_COMMITTER_EMAIL": a.mallory.email]) { $1 })
            guard r.status == 0 else { throw Failure("\(args): \(r.stderr)") }
            return r.trimmed
        }
        _ = tip
        try a.w.ok(a.mallory, "approve", id)
        // Inquest itself refuses to move it to approved: the author is unproven.
        let gate = try a.w.run(a.mallory, ["status", id, "approved"])
        #expect(gate.status == 1)
        #expect(gate.stderr.contains("author is unproven"), "\(gate.stderr)")
        // So she moves it by hand, and pushes everything.
        let path = try a.w.fx.incidentPath(id)
        try a.w.fx.editIncident(id) { $0.replacingOccurrences(of: "status: review", with: "status: approved") }
        let attack = try a.w.fx.git("rev-parse", "postmortems").trimmed
        try a.sandbox.git(["fetch", "-q", a.w.fx.repo, "postmortems"], in: dir)
        try a.expectRefused(from: dir, attack, "author is unproven")
        _ = path

        // A fresh clone: the creating commit is not good, and the approval is shown as not
        // counting, with the reason.
        let fresh = try a.verifyFreshCloneOfMirror(after: attack, from: dir)
        let creation = try a.sandbox.git(["log", "--format=%H", "--diff-filter=A", "postmortems", "--", path], in: fresh.clone).trimmed
        #expect(fresh.states[creation] == "unsigned", "\(fresh.states)")
        let show = try a.sandbox.inquest(["--branch", "postmortems", "show", id, "--json"], in: fresh.clone)
        let json = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
        let approvals = json["approvals"] as? [[String: Any]] ?? []
        #expect(approvals.count == 1)
        #expect(approvals.first?["counts"] as? Bool == false, "\(approvals)")
        let reason: String = approvals.first?["reason"] as? String ?? ""
        #expect(reason.contains("unproven"), "\(approvals)")
        // The same wherever approvals are shown: show's text and the report.
        let text = try a.sandbox.inquest(["--branch", "postmortems", "show", id], in: fresh.clone)
        #expect(text.stdout.contains("approved by Mallory Mole <mallory@example.com>") && text.stdout.contains("does not count: the incident's author is unproven"), "\(text.stdout)")
        let report = try a.sandbox.inquest(["--branch", "postmortems", "report", id], in: fresh.clone)
        #expect(report.stdout.contains("(does not count: the incident's author is unproven"), "\(report.stdout)")
        // In a report it is not an approval: it stands apart, with why.
        #expect(report.stdout.contains("| Approvals | none |"), "\(report.stdout)")
        #expect(report.stdout.contains("| Sign-offs that do not count | Mallory Mole"), "\(report.stdout)")
    }

    /// A policy no reader should take for "signatures not required": `require_signed:` with
    /// no value (a reader that took "empty" for "no" would switch signing off), and
    /// `require_signed: false` under a version no reader knows (a reader of that one key
    /// alone would take it). The full policy parser is the only reader (SignaturePolicyTests),
    /// so the server refuses the push, and a fresh clone of a mirror that took it does not
    /// call the branch verified.
    @Test(arguments: [("version: 1\nrequire_signed:\n", "require_signed"),
                      ("version: 2\nrequire_signed: false\n", "version")])
    func aPolicyThatDoesNotReadSwitchesNothingOff(policy: String, refusal: String) throws {
        let a = try AttackWorld()
        let dir = try a.clone(a.mallory)
        let tip = try a.serverTip
        let tree = try a.tree(in: dir, from: tip, [".inquest/policy.yml": policy])
        let commit = try a.commit(in: dir, as: a.mallory, tree: tree, parents: [tip], message: "tidy the policy", sign: false)
        try a.expectRefused(from: dir, commit, "changes .inquest/policy.yml but is unsigned")
        // Signed by a trusted key, the same change is refused for what it says.
        let signed = try a.commit(in: dir, as: a.bob, tree: tree, parents: [tip], message: "tidy the policy")
        try a.expectRefused(from: dir, signed, refusal)

        try a.sandbox.git(["push", "-q", "--force", a.mirror, "\(commit):refs/heads/postmortems"], in: dir)
        let clone = a.tmp.path + "/fresh-emptied.git"
        try a.sandbox.git(["clone", "-q", "--bare", a.mirror, clone], in: a.tmp.path)
        let r = try a.sandbox.inquest(["--branch", "postmortems", "verify", "--json"], in: clone, env: ["HOME": a.tmp.sub("empty-home-emptied")])
        #expect(r.status != 0, "verify passed a branch whose policy does not read (\(policy.debugDescription)): \(r.stdout)")
        let report = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any]
        #expect(report?["ok"] as? Bool != true, "\(r.stdout)")
        #expect(report?["require_signed"] as? Bool != false || r.stderr.contains(".inquest/policy.yml"),
                "require_signed read as off: \(r.stdout) \(r.stderr)")
    }

    @Test func aPolicyRelaxedInTheSamePushDoesNotJudgeIt() throws {
        let a = try AttackWorld(requireSigned: false)
        let dir = try a.clone(a.mallory)
        let tip = try a.serverTip
        // One push: a policy with no gates at all, and an incident straight at `closed`.
        let relaxed = "version: 1\nrequire_signed: false\n"
        let policyTree = try a.tree(in: dir, from: tip, [".inquest/policy.yml": relaxed])
        let policyCommit = try a.commit(in: dir, as: a.mallory, tree: policyTree, parents: [tip], message: "relax the policy", sign: false)
        let incident = """
            ---
            id: INC-7K2M9Q4XWZ
            title: Swept under the rug
            severity: sev1
            status: closed
            created: 2026-11-28T10:00:00Z
            customer_impact: true
            data_breach: true
            ---

            """
        let incTree = try a.tree(in: dir, from: policyTree, ["incidents/2026-11/INC-7K2M9Q4XWZ/incident.md": incident])
        let both = try a.commit(in: dir, as: a.mallory, tree: incTree, parents: [policyCommit], message: "new INC-7K2M9Q4XWZ", sign: false)
        try a.expectRefused(from: dir, both, "INC-7K2M9Q4XWZ")

        // The policy change alone passes (signing is not required), but it was made by an
        // untrusted commit while trust roots are in force, so it does not count: the next
        // push is still judged by the old policy.
        let alone = try a.pushToServer(from: dir, policyCommit)
        #expect(alone.status == 0, "\(alone.stderr)")
        try a.expectRefused(from: dir, both, "INC-7K2M9Q4XWZ")

        let fresh = try a.verifyFreshCloneOfMirror(after: both, from: dir)
        #expect(fresh.states[policyCommit] == "unsigned" && fresh.states[both] == "unsigned", "\(fresh.states)")
    }

    @Test func removingEveryTrustRootIsRefused() throws {
        let a = try AttackWorld()
        let dir = try a.clone(a.mallory)
        let tip = try a.serverTip
        // Mallory (untrusted) empties the trust roots.
        let emptied = try a.tree(in: dir, from: tip, [Self.allowedSigners: nil])
        let wipe = try a.commit(in: dir, as: a.mallory, tree: emptied, parents: [tip], message: "trust remove: everyone")
        try a.expectRefused(from: dir, wipe, "would leave no trust root")
        // Bob (trusted) doing the same with a good signature is refused too.
        let bobClone = try a.clone(a.bob)
        let bobEmptied = try a.tree(in: bobClone, from: tip, [Self.allowedSigners: nil])
        let bobWipe = try a.commit(in: bobClone, as: a.bob, tree: bobEmptied, parents: [tip], message: "trust remove: everyone")
        try a.expectRefused(from: bobClone, bobWipe, "would leave no trust root in force")
        // And `inquest trust remove` refuses to remove the last key in force up front.
        let fresh = try a.verifyFreshCloneOfMirror(after: wipe, from: dir)
        #expect(fresh.states[wipe] == "untrusted", "\(fresh.states)")
    }

    @Test func rewritingOffTheFirstParentLineIsRefused() throws {
        let a = try AttackWorld()
        try a.w.ok(a.alice, "new", "A second incident")
        try a.w.ok(a.alice, "sync")
        let dir = try a.clone(a.mallory)
        let tip = try a.serverTip
        let parent = try a.sandbox.git(["rev-parse", "\(tip)^"], in: dir).trimmed
        // Mallory's own line from the tip's parent, then a merge that keeps her line first:
        // git calls it a fast-forward, but the line trust is computed along is hers.
        let side = try a.tree(in: dir, from: parent, ["side.txt": "mine\n"])
        let own = try a.commit(in: dir, as: a.mallory, tree: side, parents: [parent], message: "side")
        let mergedTree = try a.tree(in: dir, from: tip, ["side.txt": "mine\n"])
        let merge = try a.commit(in: dir, as: a.mallory, tree: mergedTree, parents: [own, tip], message: "merge")
        try a.expectRefused(from: dir, merge, "does not keep \(tip.prefix(10)), the branch's tip, on its first-parent line")

        let fresh = try a.verifyFreshCloneOfMirror(after: merge, from: dir)
        #expect(fresh.states[own] == "untrusted" && fresh.states[merge] == "untrusted", "\(fresh.states)")
        #expect(fresh.report["ok"] as? Bool == false)
    }
}
