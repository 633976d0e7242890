import Foundation
import Testing
import TestSupport

/// What the tools show is the trust in force, not the files; signing switched on midway;
/// a server refusal reported in the server's words.
@Suite struct TrustInForceTests {
    @Test func aKeyInForceThatItsFileLostIsFlaggedAndRemovable() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "\(w.bob.name) <\(w.bob.email)>")
        // Someone drops Bob's line by hand, unsigned: the change does not count.
        try w.fx.git("config", "commit.gpgsign", "false")
        try w.fx.editBranch(message: "drop bob") { wt in
            let path = wt + "/.inquest/trust/allowed_signers"
            try (try String(contentsOfFile: path, encoding: .utf8)).lines.filter { !$0.contains("bob@example.com") }
                .joined(separator: "\n").appending("\n").write(to: path)
        }
        try w.fx.git("config", "commit.gpgsign", "true")
        let unsignedDrop = w.fx.tip

        let list = try w.ok(w.alice, "trust", "list")
        #expect(list.contains("in force but not in .inquest/trust/allowed_signers: its removal in \(unsignedDrop.prefix(10)) did not count (unsigned"), "\(list)")
        let json = try JSONSerialization.jsonObject(with: Data(try w.ok(w.alice, "trust", "list", "--json").utf8)) as! [[String: Any]]
        let bob = try #require(json.first { $0["email"] as? String == "bob@example.com" })
        #expect(bob["in_force"] as? Bool == true && bob["written"] as? Bool == false)
        let verify = try w.ok(w.alice, "verify")
        #expect(verify.contains("trust change in \(unsignedDrop.prefix(10)) did not count (unsigned"), "\(verify)")

        // `trust remove` works on the key in force: written back, then removed, both signed.
        let before = w.commits.count
        try w.ok(w.alice, "trust", "remove", "bob@example.com")
        #expect(w.commits.count == before + 2)
        let after = try JSONSerialization.jsonObject(with: Data(try w.ok(w.alice, "trust", "list", "--json").utf8)) as! [[String: Any]]
        #expect(after.map { $0["email"] as? String } == ["alice@example.com"], "\(after)")
        #expect(after.allSatisfy { $0["note"] is NSNull })
        // Bob's signature no longer counts.
        try w.ok(w.bob, "new", "After the removal")
        let r = try w.fx.json(["verify", "--json"]) as! [String: Any]
        let first = (r["commits"] as! [[String: Any]]).first!
        #expect((first["signature"] as! [String: Any])["state"] as? String == "untrusted")
    }

    @Test func signingSwitchedOnMidwayReportsEarlierCommitsApartOnce() throws {
        let w = try SSHWorld()
        try w.fx.git("config", "commit.gpgsign", "false")
        try w.ok(w.alice, "init")
        for n in 1...4 { try w.ok(w.alice, "new", "Before signing \(n)") }
        try w.fx.git("config", "commit.gpgsign", "true")
        try w.ok(w.alice, "trust", "add", w.alice.pub, "--owner", "\(w.alice.name) <\(w.alice.email)>")
        try w.fx.editBranch(message: "require signed commits") { wt in
            let path = wt + "/.inquest/policy.yml"
            try (try String(contentsOfFile: path, encoding: .utf8))
                .replacingOccurrences(of: "require_signed: false", with: "require_signed: true").write(to: path)
        }
        try w.ok(w.alice, "new", "Signed")

        let r = try w.run(w.alice, ["verify"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "pre-trust").count - 1 == 1, "\(r.stdout)")
        #expect(r.stdout.contains("5 commits before the first trust root (pre-trust"), "\(r.stdout)")
        #expect(!r.stdout.contains("unsigned") && !r.stderr.contains("error:"), "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("3 commits: 3 good, 0 bad, 0 unsigned, 0 untrusted, 5 pre-trust"), "\(r.stderr)")
        let json = try w.fx.json(["verify", "--json"]) as! [String: Any]
        #expect((json["pre_trust"] as? [String])?.count == 5 && json["ok"] as? Bool == true)

        // After the first trust root, an unsigned commit fails verify.
        try w.fx.sandbox.ok(["new", "Unsigned later", "--no-sign"], in: w.fx.repo, env: w.alice.env)
        let failing = try w.run(w.alice, ["verify"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("signature: unsigned"), "\(failing.stderr)")
    }

    @Test func aPushTheServerRefusesIsReportedInItsOwnWords() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        try w.fx.editBranch(message: "require signed commits") { wt in
            let path = wt + "/.inquest/policy.yml"
            try (try String(contentsOfFile: path, encoding: .utf8))
                .replacingOccurrences(of: "require_signed: false", with: "require_signed: true").write(to: path)
        }
        let base = w.fx.tmp.sub("srv")
        try w.fx.sandbox.git(["init", "-q", "--bare", base + "/server.git"], in: base)
        try w.fx.sandbox.ok(["hooks", "install", "--server"], in: base + "/server.git")
        let daemon = try GitDaemon(base: base, sandbox: w.fx.sandbox)
        try w.fx.git("remote", "add", "origin", daemon.url("server.git"))
        try w.ok(w.alice, "sync")
        try w.fx.sandbox.ok(["new", "Unsigned", "--no-sign"], in: w.fx.repo, env: w.alice.env)
        let r = try w.run(w.alice, ["sync"])
        #expect(r.status == 4)
        #expect(r.stderr.contains("refused the push"), "\(r.stderr)")
        #expect(r.stderr.contains("remote:") && r.stderr.contains("unsigned"), "\(r.stderr)")
        #expect(!r.stderr.contains("git remote -v"), "\(r.stderr)")
    }
}
