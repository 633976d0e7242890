import Foundation
import Testing
import TestSupport

/// A push the server refused for unsigned commits, mended with the tool: sign, rewrite the
/// unpushed commits, sync. Against a real `git daemon` with the server hook installed.
@Suite struct FixUnpushedTests {
    @Test func unsignedCommitsRefusedByTheServerAreResignedAndAccepted() throws {
        let fx = try Fixture(bare: true, initialize: false)
        try fx.ok("hooks", "install", "--server")
        let daemon = try GitDaemon(base: fx.tmp.path, sandbox: fx.sandbox)
        let clone = fx.tmp.path + "/clone"
        try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), clone], in: fx.tmp.path)
        try Keys.ssh(fx.tmp.path + "/alice", comment: "alice@example.com")
        let alice = ["GIT_AUTHOR_NAME": "Alice", "GIT_AUTHOR_EMAIL": "alice@example.com",
                     "GIT_COMMITTER_NAME": "Alice", "GIT_COMMITTER_EMAIL": "alice@example.com"]
        @discardableResult
        func git(_ args: String...) throws -> String { try fx.sandbox.git(args, in: clone, env: alice) }
        func inq(_ args: String...) throws -> ProcessResult { try fx.sandbox.inquest(args, in: clone, env: alice) }
        try git("config", "gpg.format", "ssh")
        try git("config", "user.signingkey", fx.tmp.path + "/alice")
        try git("config", "commit.gpgsign", "true")

        // Alice's signed init makes her key the trust root; she requires signatures, signed.
        #expect(try inq("init").status == 0)
        let wt = fx.tmp.path + "/wt"
        try git("worktree", "add", "-q", "--detach", wt, "postmortems")
        let policy = wt + "/.inquest/policy.yml"
        try String(contentsOfFile: policy, encoding: .utf8)
            .replacingOccurrences(of: "require_signed: false", with: "require_signed: true").write(toFile: policy, atomically: true, encoding: .utf8)
        try fx.sandbox.git(["commit", "-q", "-S", "-am", "require signatures"], in: wt, env: alice)
        try git("update-ref", "refs/heads/postmortems", try fx.sandbox.git(["rev-parse", "HEAD"], in: wt).trimmed)
        try git("worktree", "remove", "--force", wt)
        #expect(try inq("sync").status == 0)
        let pushed = try git("rev-parse", "origin/postmortems").trimmed

        // Two writes made unsigned: the server refuses them.
        let id = try inq("new", "Unsigned by mistake", "--no-sign").trimmed
        #expect(try inq("set", id, "summary=Written offline", "--no-sign").status == 0)
        let refused = try inq("sync")
        #expect(refused.status == 4, "\(refused.stderr)")
        #expect(refused.stderr.contains("unsigned"), "\(refused.stderr)")
        let before = try git("rev-parse", "postmortems").trimmed
        let trees = try git("log", "--format=%T %an %s", "origin/postmortems..postmortems")

        let fix = try inq("fix-unpushed")
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stderr.contains("Made 2 unpushed commits of 'postmortems' again, signed"), "\(fix.stderr)")
        let after = try git("rev-parse", "postmortems").trimmed
        #expect(after != before)
        #expect(try git("log", "--format=%T %an %s", "origin/postmortems..postmortems") == trees,
                "same trees, authors and messages")
        #expect(try git("merge-base", "--is-ancestor", pushed, after).isEmpty, "what the server has is kept")
        let allowed = fx.tmp.path + "/allowed"
        try git("show", "postmortems:.inquest/trust/allowed_signers").write(toFile: allowed, atomically: true, encoding: .utf8)
        for c in try git("rev-list", "origin/postmortems..postmortems").lines {
            #expect(try fx.sandbox.run("git", ["-c", "gpg.ssh.allowedSignersFile=\(allowed)", "verify-commit", c],
                                       cwd: clone).status == 0, "\(c) is signed")
        }
        let accepted = try inq("sync")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try fx.git("rev-parse", "postmortems").trimmed == after)

        // Nothing left to fix: said plainly, exit 2, nothing changed.
        let nothing = try inq("fix-unpushed")
        #expect(nothing.status == 2 && nothing.stderr.contains("nothing to fix"))
        #expect(try git("rev-parse", "postmortems").trimmed == after)
    }
}
