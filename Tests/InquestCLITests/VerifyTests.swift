import Foundation
import Testing
import TestSupport

/// `inquest verify` on a fresh clone with an empty HOME: each commit good, bad, unsigned or
/// untrusted against the trust roots kept on the branch, and git itself agreeing.
@Suite struct VerifyTests {
    @Test func everyStateOnAFreshCloneWithAnEmptyHome() throws {
        let w = try SSHWorld()
        let fx = w.fx
        try w.ok(w.alice, "init")
        // Alice turns on require_signed with plain `git commit -S`: git-made signatures count too.
        let hand = try fx.handCheckout()
        let policy = try String(contentsOfFile: hand + "/.inquest/policy.yml", encoding: .utf8)
        try policy.replacingOccurrences(of: "require_signed: false", with: "require_signed: true")
            .write(to: hand + "/.inquest/policy.yml")
        try w.git(w.alice, ["commit", "-q", "-S", "-am", "policy: require signed commits"], in: hand)
        try fx.releaseHand()

        let id = try w.ok(w.alice, "new", "Token reuse", "--severity", "sev2")
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "Bob Builder <bob@example.com>")
        try w.ok(w.bob, "set", id, "owner=bob")
        // Mallory's key is not a trust root: her signed commit is untrusted.
        try w.ok(w.mallory, "set", id, "owner=mallory")
        // A commit by plain git with no signature.
        _ = try fx.handCheckout()
        try w.git(w.alice, ["-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", "unsigned by hand"], in: hand)
        try fx.releaseHand()
        // Inquest refuses to let Mallory trust herself...
        let refused = try w.run(w.mallory, ["trust", "add", w.mallory.pub, "--owner", "Mallory <mallory@example.com>"])
        #expect(refused.status == 1 && refused.stderr.contains("not a trust root in force"), "\(refused.stderr)")
        // ...so she does it by hand, signing with her own key: that change does not
        // count, so her next commit is still untrusted.
        _ = try fx.handCheckout()
        let line = "mallory@example.com namespaces=\"git\" \(w.mallory.pubLine)\n"
        let allowed = try String(contentsOfFile: hand + "/.inquest/trust/allowed_signers", encoding: .utf8)
        try (allowed + line).write(to: hand + "/.inquest/trust/allowed_signers")
        try w.git(w.mallory, ["commit", "-q", "-S", "-am", "trust mallory"], in: hand)
        try fx.releaseHand()
        try w.ok(w.mallory, "set", id, "severity=sev4")
        try w.ok(w.alice, "set", id, "summary=Tokens were reused across tenants.")
        // Alter a signed commit's message after the fact and put it in place of the tip.
        let tip = w.commits[0]
        let altered = try fx.git("cat-file", "commit", tip)
            .replacingOccurrences(of: "set summary", with: "set nothing at all")
        let alteredFile = fx.tmp.path + "/altered"
        try altered.write(to: alteredFile)
        let bad = try fx.git("hash-object", "-t", "commit", "-w", alteredFile).trimmed
        try fx.git("update-ref", "refs/heads/postmortems", bad, tip)

        // A fresh clone, nobody's HOME, no keyring, no allowed-signers file configured.
        let clone = fx.tmp.path + "/fresh.git"
        try fx.sandbox.git(["clone", "-q", "--bare", "--no-local", fx.repo, clone], in: fx.tmp.path)
        let home = fx.tmp.sub("nobody")
        let env = ["HOME": home]
        let r = try fx.sandbox.inquest(["--branch", "postmortems", "verify", "--json"], in: clone, env: env)
        #expect(r.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(report["require_signed"] as? Bool == true && report["ok"] as? Bool == false)
        let rows = report["commits"] as! [[String: Any]]
        var state: [String: String] = [:]
        var reason: [String: String] = [:]
        var commitOf: [String: String] = [:]
        for row in rows {
            let subject = row["subject"] as! String
            let sig = row["signature"] as! [String: Any]
            state[subject] = sig["state"] as? String
            reason[subject] = sig["reason"] as? String
            commitOf[subject] = row["commit"] as? String
        }
        #expect(rows.count == 10)
        #expect(state["init postmortems branch"] == "good")
        #expect(state["policy: require signed commits"] == "good")
        #expect(state["new \(id): Token reuse"] == "good")
        #expect(state.first { $0.key.hasPrefix("trust add: ssh") }?.value == "good")
        let owners = rows.filter { ($0["subject"] as! String) == "\(id): set owner" }
            .map { (($0["author"] as! [String: Any])["email"] as! String, ($0["signature"] as! [String: Any])["state"] as! String) }
        #expect(Set(owners.map { "\($0.0)=\($0.1)" }) == ["bob@example.com=good", "mallory@example.com=untrusted"])
        #expect(state["unsigned by hand"] == "unsigned")
        #expect(state["trust mallory"] == "untrusted")
        #expect(reason["trust mallory"]?.contains("its change to the trust roots does not count") == true)
        #expect(state["\(id): set severity"] == "untrusted")
        #expect(state["\(id): set nothing at all"] == "bad")

        // Text output names each state; git itself agrees on every commit.
        let text = try fx.sandbox.inquest(["--branch", "postmortems", "verify"], in: clone, env: env)
        #expect(text.status == 1)
        #expect(text.stdout.lines.first?.hasPrefix("STATE") == true)
        #expect(text.stderr.contains("10 commits: 5 good, 1 bad, 1 unsigned, 3 untrusted (require_signed: true)"))
        for row in rows {
            let c = row["commit"] as! String
            let good = (row["signature"] as! [String: Any])["state"] as! String == "good"
            #expect(try w.gitVerifies(c, trusting: [w.alice, w.bob]) == good, "git and inquest disagree on \(c)")
        }

        // Exit 1 for each kind of failure on its own, 0 for a good commit, under require_signed.
        for (subject, expected) in [("unsigned by hand", Int32(1)), ("trust mallory", 1), ("\(id): set severity", 1),
                                    ("\(id): set nothing at all", 1), ("new \(id): Token reuse", 0)] {
            let c = commitOf[subject]!
            let one = try fx.sandbox.inquest(["--branch", "postmortems", "verify", "\(c)~1..\(c)"], in: clone, env: env)
            #expect(one.status == expected, "\(subject): \(one.stderr)")
        }
        // Without require_signed only the bad commit fails.
        try w.ok(w.alice, "set", id, "impact=None")
        _ = try fx.handCheckout()
        try policy.write(to: hand + "/.inquest/policy.yml")
        try w.git(w.alice, ["commit", "-q", "-S", "-am", "policy: signatures optional"], in: hand)
        try fx.releaseHand()
        let relaxed = try fx.sandbox.inquest(["verify", "\(commitOf["unsigned by hand"]!)~1..\(commitOf["trust mallory"]!)"],
                                             in: fx.repo)
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
    }

    @Test func removedKeysStopCountingFromTheirRemovalOn() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "Bob Builder <bob@example.com>")
        let id = try w.ok(w.bob, "new", "Before removal")
        let listed = try w.fx.json(["trust", "list", "--json"]) as! [[String: Any]]
        #expect(listed.map { $0["email"] as! String } == ["alice@example.com", "bob@example.com"])
        #expect(listed.allSatisfy { $0["in_force"] as? Bool == true })
        // Bob cannot remove Alice and himself both: the last key stays.
        try w.ok(w.bob, "trust", "remove", "alice@example.com")
        let last = try w.run(w.bob, ["trust", "remove", "bob@example.com"])
        #expect(last.status == 1 && last.stderr.contains("would leave no trust root in force"))
        let alicesNow = try w.run(w.alice, ["set", id, "owner=alice"])
        #expect(alicesNow.status == 0)
        let r = try w.fx.json(["verify", "--json"]) as! [String: Any]
        let states = (r["commits"] as! [[String: Any]]).map { ($0["subject"] as! String, ($0["signature"] as! [String: Any])["state"] as! String) }
        #expect(states.first!.1 == "untrusted") // Alice signed after her key was removed
        #expect(states.dropFirst().allSatisfy { $0.1 == "good" }, "\(states)")
        #expect(try w.fx.git("show", "postmortems:.inquest/trust/allowed_signers").contains("alice@example.com") == false)
    }

    @Test func trustInitBootstrapsABranchCreatedUnsigned() throws {
        let w = try SSHWorld()
        let r0 = try w.run(w.alice, ["init", "--no-sign"])
        #expect(r0.status == 0)
        #expect(try w.fx.git("cat-file", "commit", "postmortems").contains("gpgsig") == false)
        // Bob did not create the branch: his `trust add` is refused, `trust init` is explicit.
        let refused = try w.run(w.bob, ["trust", "add", w.bob.pub, "--owner", "Bob Builder <bob@example.com>"])
        #expect(refused.status == 2 && refused.stderr.contains("trust init"))
        try w.ok(w.bob, "trust", "init")
        #expect(try w.fx.git("log", "-1", "--format=%B", "postmortems").contains("Inquest-Trust: init"))
        let again = try w.run(w.alice, ["trust", "init"])
        #expect(again.status != 0)
        let r = try w.fx.json(["verify", "--json"]) as! [String: Any]
        let states = (r["commits"] as! [[String: Any]]).map { ($0["signature"] as! [String: Any])["state"] as! String }
        // The unsigned init came before the first trust root: reported apart, not judged.
        #expect(states == ["good"])
        #expect((r["pre_trust"] as? [String])?.count == 1)
    }
}
