import Foundation
import Testing
import TestSupport

@Suite struct AuditLogTests {
    @Test func logShowsWhoChangedWhichFieldFromWhatToWhatAndTheSignature() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "Bob Builder <bob@example.com>")
        let id = try w.ok(w.alice, "new", "Token reuse", "--severity", "sev3", "--owner", "alice")
        let other = try w.ok(w.alice, "new", "Unrelated incident")
        try w.ok(w.bob, "set", id, "severity=sev2", "owner=bob", "summary=Tokens were reused.")
        let finding = try w.ok(w.bob, "finding", "add", id, "--category", "process-flaw", "--evidence", "runbook.md", "No rotation")
        let r = try w.run(w.alice, ["set", finding, "title=No rotation runbook", "--no-sign"])
        #expect(r.status == 0)
        try w.ok(w.alice, "set", other, "owner=carol")

        let text = try w.ok(w.alice, "log", String(id.prefix(8)))
        // Newest first; the unrelated incident never shows up.
        #expect(!text.contains(other))
        let blocks = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(blocks.count == 4)
        #expect(blocks[0].contains("Alice Example <alice@example.com> [unsigned]"))
        #expect(blocks[0].contains("modified finding \(finding)"))
        #expect(blocks[0].contains("title: No rotation -> No rotation runbook"))
        #expect(blocks[2].contains("Bob Builder <bob@example.com> [good: Bob Builder <bob@example.com> (ssh SHA256:"))
        #expect(blocks[2].contains("severity: sev3 -> sev2"))
        #expect(blocks[2].contains("owner: alice -> bob"))
        #expect(blocks[2].contains("summary: (none) -> Tokens were reused."))
        #expect(blocks[3].contains("added incident \(id)"))
        #expect(blocks[3].contains("title: Token reuse"))

        let json = try w.fx.json(["log", id, "--json"]) as! [[String: Any]]
        #expect(json.count == 4)
        let bobs = json[2]
        #expect((bobs["author"] as! [String: Any])["email"] as? String == "bob@example.com")
        #expect((bobs["time"] as? String)?.hasSuffix("Z") == true)
        let sig = bobs["signature"] as! [String: Any]
        #expect(sig["state"] as? String == "good" && sig["signer_email"] as? String == "bob@example.com")
        #expect((sig["key"] as? String)?.hasPrefix("SHA256:") == true)
        let change = (bobs["changes"] as! [[String: Any]])[0]
        #expect(change["record"] as? String == id && change["action"] as? String == "modified" && change["kind"] as? String == "incident")
        let fields = (change["fields"] as! [[String: Any]]).map { f in
            "\(f["field"] as! String)=\(f["from"] as? String ?? "null")->\(f["to"] as? String ?? "null")"
        }
        #expect(fields == ["severity=sev3->sev2", "owner=alice->bob", "summary=null->Tokens were reused."])
        #expect(((json[0]["signature"] as! [String: Any])["state"] as? String) == "unsigned")

        // Without an ID: every commit, branch files included.
        let all = try w.fx.json(["log", "--json"]) as! [[String: Any]]
        #expect(all.count == w.commits.count)
        let first = all.last!["changes"] as! [[String: Any]]
        #expect(first.contains { $0["path"] as? String == ".inquest/trust/allowed_signers" && $0["kind"] as? String == "file" })
    }
}

/// A signing failure aborts the write with a clear message and moves nothing.
@Suite struct SigningFailureTests {
    @Test func failuresWriteNothing() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        let before = w.fx.tip

        try w.fx.git("config", "user.signingkey", w.fx.tmp.path + "/no-such-key")
        let missing = try w.fx.sandbox.inquest(["new", "Nope"], in: w.fx.repo, env: w.alice.env)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("signing failed") && missing.stderr.contains("no-such-key"), "\(missing.stderr)")
        #expect(w.fx.tip == before)

        // The agent has no such key: refused, and nothing written.
        try w.fx.git("config", "user.signingkey", "key::" + w.bob.pubLine)
        let sock = w.fx.tmp.path + "/no-agent.sock"
        let refused = try w.fx.sandbox.inquest(["new", "Nope"], in: w.fx.repo, env: w.alice.env.merging(["SSH_AUTH_SOCK": sock]) { $1 })
        #expect(refused.status == 2 && refused.stderr.contains("signing failed"), "\(refused.stderr)")
        #expect(w.fx.tip == before)

        // No key at all: writes refuse when signing is on; approve refuses even when it is off.
        try w.fx.git("config", "--unset", "user.signingkey")
        let none = try w.fx.sandbox.inquest(["new", "Nope"], in: w.fx.repo, env: w.alice.env)
        #expect(none.status == 2 && none.stderr.contains("user.signingkey is not set"), "\(none.stderr)")
        try w.fx.git("config", "commit.gpgsign", "false")
        let id = try w.fx.sandbox.ok(["new", "Unsigned is fine now"], in: w.fx.repo, env: w.alice.env)
        let tipBefore = w.fx.tip
        let approve = try w.fx.sandbox.inquest(["approve", id], in: w.fx.repo, env: w.alice.env)
        #expect(approve.status == 2 && approve.stderr.contains("`inquest approve` makes a signed commit, but there is no signing key"),
                "\(approve.stderr)")
        let noSign = try w.run(w.alice, ["approve", id, "--no-sign"])
        #expect(noSign.status == 2 && noSign.stderr.contains("--no-sign is not allowed"))
        #expect(w.fx.tip == tipBefore)

        // --sign and --no-sign win over git's configuration, both ways.
        try w.fx.git("config", "user.signingkey", w.alice.key)
        _ = try w.fx.sandbox.ok(["set", id, "owner=alice", "--sign"], in: w.fx.repo, env: w.alice.env)
        #expect(try w.fx.git("cat-file", "commit", "postmortems").contains("-----BEGIN SSH SIGNATURE-----"))
        try w.fx.git("config", "commit.gpgsign", "true")
        _ = try w.fx.sandbox.ok(["set", id, "owner=bob", "--no-sign"], in: w.fx.repo, env: w.alice.env)
        #expect(!(try w.fx.git("cat-file", "commit", "postmortems").contains("gpgsig")))
        // inquest.sign wins over commit.gpgsign.
        try w.fx.git("config", "inquest.sign", "false")
        _ = try w.fx.sandbox.ok(["set", id, "owner=carol"], in: w.fx.repo, env: w.alice.env)
        #expect(!(try w.fx.git("cat-file", "commit", "postmortems").contains("gpgsig")))
        // An unsupported format is named.
        try w.fx.git("config", "inquest.sign", "true")
        try w.fx.git("config", "gpg.format", "x509")
        let x509 = try w.fx.sandbox.inquest(["set", id, "owner=dave"], in: w.fx.repo, env: w.alice.env)
        #expect(x509.status == 2 && x509.stderr.contains("x509"))
        // Approvals cannot be written by hand through set.
        try w.fx.git("config", "gpg.format", "ssh")
        let forged = try w.fx.sandbox.inquest(["set", id, "approvals=bob"], in: w.fx.repo, env: w.alice.env)
        #expect(forged.status == 2 && forged.stderr.contains("approvals"))
    }

    @Test func trustInputsAreCheckedBeforeAnythingIsWritten() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        let before = w.fx.tip
        let cases: [([String], String)] = [
            (["trust", "add", w.bob.pub], "--owner"),
            (["trust", "add", w.bob.pub, "--owner", "Bob <*@example.com>"], "not allowed in an email principal"),
            (["trust", "add", w.bob.key, "--owner", "Bob <bob@example.com>"], "private key"),
            (["trust", "add", "nonsense.pub", "--owner", "Bob <bob@example.com>"], "no such key file"),
            (["trust", "add", w.alice.pub, "--owner", "Alice <alice@example.com>"], "already a trust root"),
            (["trust", "remove", "SHA256:doesnotexist"], "no trust root matches"),
            (["trust", "add", w.bob.pub, "--owner", "Bob <bob@example.com>", "--no-sign"], "--no-sign is not allowed"),
        ]
        for (args, message) in cases {
            let r = try w.run(w.alice, args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        #expect(w.fx.tip == before)
    }
}
