import Foundation
import Testing
import TestSupport

/// Every commit Inquest writes, when signing is on, is one `git verify-commit` accepts.
@Suite struct SignedWritesTests {
    @Test func sshSignedWritesPassGitVerifyCommit() throws {
        let w = try SSHWorld()
        // The signed init makes Alice's key the first trust root.
        try w.ok(w.alice, "init")
        let allowed = try w.fx.sandbox.git(["show", "postmortems:.inquest/trust/allowed_signers"], in: w.fx.repo)
        #expect(allowed.contains("alice@example.com namespaces=\"git\" \(w.alice.pubLine.split(separator: " ").prefix(2).joined(separator: " ")) Alice Example"))

        let id = try w.fx.writeFullPostmortem { args in try w.ok(w.alice, args) }
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "Bob Builder <bob@example.com>")
        try w.ok(w.bob, "approve", id)
        try w.ok(w.bob, "followup", "review", firstID(try w.fx.json(["followups", "--json"])), "--note", "on track")

        let commits = w.commits
        #expect(commits.count == 15)
        for c in commits {
            #expect(try w.gitVerifies(c, trusting: [w.alice, w.bob]), "git verify-commit refused \(c)")
        }
        // git's own log agrees, and the branch's allowed_signers works as git's file as it is.
        let branchFile = w.fx.tmp.path + "/branch-allowed"
        try w.fx.git("show", "postmortems:.inquest/trust/allowed_signers").write(to: branchFile)
        let log = try w.fx.git("-c", "gpg.ssh.allowedSignersFile=\(branchFile)", "log", "--show-signature", "postmortems")
        #expect(log.components(separatedBy: "Good \"git\" signature for ").count - 1 == commits.count)

        // Byte for byte what `git commit-tree -S` writes: Ed25519 signatures are
        // deterministic, so git signing the same content must give the same commit id.
        for c in [commits[0], commits[4], commits.last!] {
            let signer = try w.fx.git("log", "-1", "--format=%ae", c).trimmed == w.bob.email ? w.bob : w.alice
            #expect(try gitResigns(c, as: signer, w) == c)
        }
        try w.fx.git("fsck", "--strict", "--no-dangling")
    }

    /// Recreates commit `c` with `git commit-tree -S` from its own tree, parents, people, dates
    /// and message; returns the new id.
    private func gitResigns(_ c: String, as p: Person, _ w: SSHWorld) throws -> String {
        let raw = try w.fx.git("cat-file", "commit", c)
        let blank = raw.range(of: "\n\n")!
        let header = String(raw[..<blank.lowerBound]), message = String(raw[blank.upperBound...])
        var tree = "", parents: [String] = [], env: [String: String] = [:]
        for line in header.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "tree": tree = parts[1]
            case "parent": parents.append(parts[1])
            case "author", "committer":
                let role = parts[0].uppercased()
                let lt = parts[1].firstIndex(of: "<")!, gt = parts[1].firstIndex(of: ">")!
                env["GIT_\(role)_NAME"] = parts[1][..<lt].trimmingCharacters(in: .whitespaces)
                env["GIT_\(role)_EMAIL"] = String(parts[1][parts[1].index(after: lt)..<gt])
                env["GIT_\(role)_DATE"] = parts[1][parts[1].index(after: gt)...].trimmingCharacters(in: .whitespaces)
            default: continue
            }
        }
        let msgFile = w.fx.tmp.path + "/msg"
        try message.write(to: msgFile)
        let args = ["-c", "user.signingkey=\(p.key)", "commit-tree", "-S", "-F", msgFile]
            + parents.flatMap { ["-p", $0] } + [tree]
        return try w.fx.sandbox.git(args, in: w.fx.repo, env: env).trimmed
    }

    @Test func openpgpSignedWritesPassGitVerifyCommit() throws {
        let gpg = try GPGHome()
        let carolKey = try gpg.generate("Carol Example <carol@example.com>")
        let daveKey = try gpg.generate("Dave Example <dave@example.com>")
        let fx = try Fixture(initialize: false)
        let carol: [String: String] = gpg.environment.merging(["GIT_AUTHOR_NAME": "Carol Example", "GIT_AUTHOR_EMAIL": "carol@example.com",
                                                               "GIT_COMMITTER_NAME": "Carol Example", "GIT_COMMITTER_EMAIL": "carol@example.com"]) { $1 }
        let dave: [String: String] = gpg.environment.merging(["GIT_AUTHOR_NAME": "Dave Example", "GIT_AUTHOR_EMAIL": "dave@example.com",
                                                              "GIT_COMMITTER_NAME": "Dave Example", "GIT_COMMITTER_EMAIL": "dave@example.com"]) { $1 }
        // No user.signingkey: git (and so Inquest) signs as the committer's "Name <email>".
        try fx.git("config", "commit.gpgsign", "true")
        @discardableResult
        func run(_ env: [String: String], _ args: String...) throws -> String {
            let r = try fx.sandbox.inquest(args, in: fx.repo, env: env)
            guard r.status == 0 else { throw Failure("inquest \(args) exited \(r.status): \(r.stderr)") }
            return r.trimmed
        }
        try run(carol, "init")
        #expect(try fx.git("ls-tree", "--name-only", "-r", "postmortems", ".inquest/trust").trimmed
                == ".inquest/trust/openpgp/\(carolKey).asc")
        let id = try run(carol, "new", "Phished admin", "--severity", "sev2")
        try run(carol, "timeline", "add", id, "--kind", "detection", "Report from a user")
        let daveFile = fx.tmp.path + "/dave.asc"
        try gpg.export("dave@example.com", to: daveFile)
        try run(carol, "trust", "add", daveFile) // the owner comes from the key's user id
        let approval = try fx.sandbox.inquest(["approve", id], in: fx.repo, env: dave)
        #expect(approval.status == 0)
        #expect(!approval.stderr.contains("not yet signed off"), "\(approval.stderr)")
        #expect(try fx.git("show", "postmortems:\(try incidentPath(fx, id))").contains("key: \(daveKey)"))

        let commits = try fx.git("rev-list", "postmortems").lines
        #expect(commits.count == 5)
        for c in commits {
            let r = try fx.sandbox.run("git", ["verify-commit", c], cwd: fx.repo, env: gpg.environment)
            #expect(r.status == 0, "git verify-commit refused \(c): \(r.stderr)")
        }
        let log = try fx.sandbox.git(["log", "--show-signature", "postmortems"], in: fx.repo, env: gpg.environment)
        #expect(log.components(separatedBy: "Good signature from").count - 1 == 5)

        // A fresh clone, an empty HOME and no keyring at all: the branch alone suffices.
        let clone = fx.tmp.path + "/clone.git"
        try fx.sandbox.git(["clone", "-q", "--bare", fx.repo, clone], in: fx.tmp.path)
        let empty = fx.tmp.sub("empty-home")
        let r = try fx.sandbox.inquest(["--branch", "postmortems", "verify", "--json"], in: clone,
                                       env: ["HOME": empty, "GNUPGHOME": empty + "/none"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let states = (report["commits"] as! [[String: Any]]).map { ($0["signature"] as! [String: Any])["state"] as! String }
        #expect(states == Array(repeating: "good", count: 5))
        #expect(!FileManager.default.fileExists(atPath: empty + "/none"))
    }

    private func incidentPath(_ fx: Fixture, _ id: String) throws -> String {
        try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines.first { $0.hasSuffix("\(id)/incident.md") }!
    }

    @Test func literalKeyAndPublicKeyFileSignThroughTheAgent() throws {
        let w = try SSHWorld()
        // ssh-agent in the foreground (-D), so no daemon outlives the test.
        let sock = "/tmp/inq-agent-\(UUID().uuidString.prefix(8)).sock"
        let agent = Process()
        agent.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        agent.arguments = ["ssh-agent", "-D", "-a", sock]
        agent.standardOutput = FileHandle.nullDevice
        agent.standardError = FileHandle.nullDevice
        try agent.run()
        defer {
            // SIGKILL: a child of a test thread inherits its blocked SIGTERM.
            kill(agent.processIdentifier, SIGKILL)
            agent.waitUntilExit()
            try? FileManager.default.removeItem(atPath: sock)
        }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: sock) { usleep(20_000) }
        let env = ["SSH_AUTH_SOCK": sock]
        #expect(try w.fx.sandbox.run("ssh-add", ["-q", w.alice.key], cwd: "/", env: env).status == 0)

        // key::<public key>: the private half is only in the agent.
        try w.fx.git("config", "user.signingkey", "key::" + w.alice.pubLine)
        func run(_ args: String...) throws -> ProcessResult {
            try w.fx.sandbox.inquest(args, in: w.fx.repo, env: w.alice.env.merging(env) { $1 })
        }
        #expect(try run("init").status == 0)
        #expect(try run("new", "Agent-signed").status == 0)
        // A path to the public key file works the same way.
        try w.fx.git("config", "user.signingkey", w.alice.pub)
        #expect(try run("new", "Signed with the .pub path").status == 0)
        for c in w.commits { #expect(try w.gitVerifies(c, trusting: [w.alice])) }
        #expect(try run("verify").status == 0)
    }
}

/// The first `id` of a JSON array of objects.
func firstID(_ json: Any) -> String { ((json as? [[String: Any]])?.first?["id"] as? String) ?? "" }
