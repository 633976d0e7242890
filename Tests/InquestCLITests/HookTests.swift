import Foundation
import Testing
import TestSupport

/// Hooks, exercised through git itself: a real `git daemon` for the server side.
@Suite struct HookTests {
    /// A bare repository with the server hook installed, served on 127.0.0.1, and a clone.
    struct Server {
        let fx: Fixture
        let daemon: GitDaemon
        let clone: String

        init() throws {
            fx = try Fixture(bare: true, initialize: false)
            try fx.ok("hooks", "install", "--server")
            daemon = try GitDaemon(base: fx.tmp.path, sandbox: fx.sandbox)
            clone = fx.tmp.path + "/clone"
            try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), clone], in: fx.tmp.path)
            try fx.sandbox.ok(["init"], in: clone)
            try fx.sandbox.git(["push", "-q", "origin", "postmortems"], in: clone)
        }

        func push(_ args: String...) throws -> ProcessResult {
            try fx.sandbox.run("git", ["push"] + args, cwd: clone)
        }
        @discardableResult
        func inq(_ args: String...) throws -> String { try fx.sandbox.ok(args, in: clone) }
        var serverTip: String { (try? fx.git("rev-parse", "postmortems"))?.trimmed ?? "" }
    }

    @Test func serverRefusesIncompletePostmortemsThenAcceptsTheFix() throws {
        let s = try Server()
        let id = try s.inq("new", "Card data exposed", "--severity", "sev1", "--customer-impact")
        // Skip the CLI's gate by writing the status by hand, as someone with plain git might.
        // (One step a commit, as the lifecycle allows; the gates are what the server minds.)
        try s.fx.editIncident(id, in: s.clone, message: "resolved") {
            $0.replacingOccurrences(of: "status: open", with: "status: resolved")
        }
        try s.fx.editIncident(id, in: s.clone, message: "to review") {
            $0.replacingOccurrences(of: "status: resolved", with: "status: review")
        }

        let before = s.serverTip
        let refused = try s.push("origin", "postmortems")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("remote: inquest: push to refs/heads/postmortems refused:"))
        #expect(refused.stderr.contains("remote: \(id): technical_summary: section is empty; review needs it"))
        #expect(refused.stderr.contains("remote: \(id): timeline: has 0 events"))
        #expect(refused.stderr.contains("remote: \(id): detected: is not set"))
        #expect(s.serverTip == before)

        // Fill everything in (the incident is already in review; set still works) and push again.
        try s.inq("set", id, "summary=s", "impact=i", "technical_summary=t", "actors=unknown", "response=r",
                  "takeaways=k", "started=2026-11-27T09:00Z", "detected=2026-11-27T10:00Z",
                  "contained=2026-11-27T11:00Z", "resolved=2026-11-27T12:00Z")
        try s.inq("timeline", "add", id, "--at", "2026-11-27T10:00Z", "--kind", "detection", "Alert")
        let f = try s.inq("finding", "add", id, "--category", "technical-lapse", "--evidence", "log.txt", "Bug")
        try s.inq("followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-10", "--finding", f, "Fix")
        let accepted = try s.push("origin", "postmortems")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(s.serverTip == (try s.fx.sandbox.git(["rev-parse", "postmortems"], in: s.clone)).trimmed)

        // Deleting or rewriting the branch on the server is refused.
        let del = try s.push("origin", ":postmortems")
        #expect(del.status != 0)
        #expect(del.stderr.contains("deleting the 'postmortems' branch is refused"))
        let tipBefore = s.serverTip
        let rewrite = try s.push("--force", "origin", "postmortems~2:refs/heads/postmortems")
        #expect(rewrite.status != 0)
        #expect(rewrite.stderr.contains("rewriting the 'postmortems' branch is refused"))
        #expect(s.serverTip == tipBefore)
        // Other branches are not the hook's business.
        try "x\n".write(to: s.clone + "/code.txt")
        try s.fx.sandbox.git(["checkout", "-q", "-b", "feature"], in: s.clone)
        try s.fx.sandbox.git(["add", "code.txt"], in: s.clone)
        try s.fx.sandbox.git(["commit", "-qm", "code"], in: s.clone)
        #expect(try s.push("origin", "feature").status == 0)
    }

    @Test func clientHooksChainInstallIdempotentlyAndUninstall() throws {
        let fx = try Fixture()
        let hooks = fx.repo + "/.git/hooks"
        let mine = "#!/bin/sh\necho \"mine ran with $1\" >> \"$(git rev-parse --git-dir)/mine.log\"\ncat > /dev/null\n"
        try mine.write(to: hooks + "/pre-push")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks + "/pre-push")

        try fx.ok("hooks", "install")
        let installed = try String(contentsOfFile: hooks + "/pre-push", encoding: .utf8)
        #expect(installed.contains("# inquest-hook: pre-push"))
        #expect(try String(contentsOfFile: hooks + "/pre-push.pre-inquest", encoding: .utf8) == mine)
        let second = try fx.run(["hooks", "install"])
        #expect(second.stderr.contains("already installed"))
        #expect(try String(contentsOfFile: hooks + "/pre-push", encoding: .utf8) == installed)
        #expect(!FileManager.default.fileExists(atPath: hooks + "/pre-push.pre-inquest.pre-inquest"))

        // Push to a bare remote: the user's hook runs, then Inquest's.
        let remote = fx.tmp.path + "/remote.git"
        try fx.sandbox.git(["init", "-q", "--bare", remote], in: fx.tmp.path)
        try fx.git("remote", "add", "origin", remote)
        let pushedID = try fx.ok("new", "Pushed", "--severity", "sev4")
        let pushed = try fx.sandbox.run("git", ["push", "-q", "origin", "postmortems"], cwd: fx.repo,
                                        env: ["PATH": "/usr/bin:/bin"]) // minimal PATH: the hook still finds inquest
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(try String(contentsOfFile: fx.repo + "/.git/mine.log", encoding: .utf8) == "mine ran with origin\n")

        // A bad record is stopped before it leaves the laptop.
        try fx.editIncident(pushedID, message: "bad") { $0.replacingOccurrences(of: "sev4", with: "sev9") }
        let blocked = try fx.sandbox.run("git", ["push", "origin", "postmortems"], cwd: fx.repo)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("severity: 'sev9' is not one of"))
        // Deleting the remote branch, or rewriting it with an older commit, is stopped too.
        let deleting = try fx.sandbox.run("git", ["push", "origin", ":postmortems"], cwd: fx.repo)
        #expect(deleting.status != 0)
        #expect(deleting.stderr.contains("deleting the remote 'postmortems' branch is refused"))
        let rewriting = try fx.sandbox.run("git", ["push", "--force", "origin", "postmortems~2:refs/heads/postmortems"],
                                           cwd: fx.repo)
        #expect(rewriting.status != 0)
        #expect(rewriting.stderr.contains("this push would rewrite the remote 'postmortems' branch"))

        try fx.ok("hooks", "uninstall")
        #expect(try String(contentsOfFile: hooks + "/pre-push", encoding: .utf8) == mine)
        #expect(!FileManager.default.fileExists(atPath: hooks + "/pre-push.pre-inquest"))
        #expect(!FileManager.default.fileExists(atPath: hooks + "/commit-msg"))
    }

    @Test func commitMsgChecksFollowUpTrailersAndHooksPathIsHonoured() throws {
        let fx = try Fixture()
        try fx.git("config", "core.hooksPath", ".githooks")
        try fx.ok("hooks", "install")
        #expect(FileManager.default.isExecutableFile(atPath: fx.repo + "/.githooks/commit-msg"))
        #expect(!FileManager.default.fileExists(atPath: fx.repo + "/.git/hooks/commit-msg"))
        let id = try fx.ok("new", "Has follow-ups")
        let fu = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "o", "--due", "2026-12-01", "Fix it")
        try "a\n".write(to: fx.repo + "/a.txt")
        try fx.git("add", "a.txt")
        let bad = try fx.sandbox.run("git", ["commit", "-q", "-m", "Fix\n\nFollow-up: FU-ZZZZZZZZZZ"], cwd: fx.repo)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("Follow-up: FU-ZZZZZZZZZZ: no follow-up FU-ZZZZZZZZZZ"))
        let good = try fx.sandbox.run("git", ["commit", "-q", "-m", "Fix\n\nFollow-up: \(fu.prefix(8))"], cwd: fx.repo)
        #expect(good.status == 0, "\(good.stderr)")
        // A commit with no trailer is none of our business.
        try "b\n".write(to: fx.repo + "/a.txt")
        #expect(try fx.sandbox.run("git", ["commit", "-qam", "plain"], cwd: fx.repo).status == 0)
    }

    @Test func preCommitChecksHandEditsInADataWorktree() throws {
        let fx = try Fixture()
        try fx.ok("hooks", "install")
        let id = try fx.ok("new", "Edited by hand", "--severity", "sev4")
        let wt = fx.tmp.path + "/wt"
        try fx.git("worktree", "add", "-q", wt, "postmortems")
        let rel = try fx.incidentPath(id)
        // While the branch is checked out there, Inquest will not move it under that checkout.
        let refused = try fx.run(["set", id, "owner=x"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the 'postmortems' branch is checked out in \(wt)"))
        let good = try String(contentsOfFile: wt + "/" + rel, encoding: .utf8)
        try good.replacingOccurrences(of: "customer_impact: false", with: "customer_impact: maybe").write(to: wt + "/" + rel)
        let before = fx.tip
        let r = try fx.sandbox.run("git", ["commit", "-qam", "oops"], cwd: wt)
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(rel):6:"))
        #expect(r.stderr.contains("customer_impact: 'maybe' is not true or false"))
        #expect(fx.tip == before)
        try good.replacingOccurrences(of: "customer_impact: false", with: "customer_impact: true").write(to: wt + "/" + rel)
        #expect(try fx.sandbox.run("git", ["commit", "-qam", "fine"], cwd: wt).status == 0)
    }
}
