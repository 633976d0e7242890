import Foundation
import Testing
import TestSupport

/// The forge recipes in docs/ci/ run exactly the commands tested here: the shell block
/// between `# inquest-ci: begin` and `# inquest-ci: end`, the same in both files, is taken
/// from the files and run on a pull-request-shaped history.
@Suite struct ForgeRecipeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The recipe's commands, from one of the files in docs/ci/, without YAML indentation.
    static func recipeBlock(_ file: String) throws -> String {
        let text = try String(contentsOfFile: "\(root)/docs/ci/\(file)", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let begin = lines.firstIndex(where: { $0.contains("# inquest-ci: begin") }),
              let end = lines.firstIndex(where: { $0.contains("# inquest-ci: end") }), begin < end else {
            throw Failure("docs/ci/\(file) has no `# inquest-ci: begin` … `# inquest-ci: end` block")
        }
        let body = lines[(begin + 1)..<end]
        let indent = body.filter { !$0.trimmed.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return body.map { String($0.dropFirst(min(indent, $0.count))) }.joined(separator: "\n") + "\n"
    }

    /// A team's repository: the postmortems branch on a server with two incidents, two review
    /// branches (one clean, one that breaks the policy), and the base moved on after both forked.
    struct PullRequestHistory {
        let fx: Fixture
        let server: String
        /// Full sev1 postmortem, at review.
        let reviewed: String
        /// Sev1, resolved, everything but findings: not ready for review.
        let pending: String
        /// Added to `pending` on the base after the review branches forked.
        let baseEvent: String
        let goodFinding: String
        let goodFollowUp: String
        let badFinding: String

        init() throws {
            fx = try Fixture()
            server = fx.tmp.path + "/server.git"
            try fx.sandbox.git(["init", "-q", "--bare", server], in: fx.tmp.path)
            try fx.git("remote", "add", "origin", server)
            reviewed = try fx.writeFullPostmortem()
            pending = try fx.ok("new", "OIDC token replay", "--severity", "sev1", "--owner", "dana",
                                "--started", "2026-11-20 08:00", "--detected", "2026-11-20T09:00Z")
            try fx.ok("set", pending, "summary=Replayed OIDC tokens reached the deploy API.", "impact=None known.",
                      "technical_summary=Tokens were accepted twice.", "actors=Unknown", "response=Rotated the signing key.",
                      "takeaways=Check jti.", "contained=2026-11-20T10:00Z", "resolved=2026-11-20T12:00Z")
            try fx.ok("timeline", "add", pending, "--at", "2026-11-20T09:00Z", "--kind", "detection", "Replay alert")
            try fx.ok("status", pending, "resolved")
            try fx.ok("sync")

            // The investigator's review branch: findings with evidence and their follow-ups.
            try fx.git("branch", "--no-track", "review/oidc", "postmortems")
            goodFinding = try fx.ok("--branch", "review/oidc", "finding", "add", pending, "--category", "technical-lapse",
                                    "--evidence", "https://logs.example/replay", "jti claims were never checked")
            goodFollowUp = try fx.ok("--branch", "review/oidc", "followup", "add", pending, "--kind", "bug", "--owner", "erin",
                                     "--due", "2026-12-10", "--priority", "p1", "--finding", goodFinding, "Reject replayed jti")
            try fx.ok("--branch", "review/oidc", "followup", "review", goodFollowUp, "--note", "Patch in review")
            try fx.ok("--branch", "review/oidc", "set", pending,
                      "technical_summary=Tokens were accepted twice.\nThe jti claim was logged but never compared.\nSee the replay log.")
            try fx.ok("--branch", "review/oidc", "sync")

            // A second review branch that breaks the policy: a finding without evidence on an
            // incident already in review.
            try fx.git("branch", "--no-track", "review/bad", "postmortems")
            badFinding = try fx.ok("--branch", "review/bad", "finding", "add", reviewed, "--category", "manual-error",
                                   "Someone ran the wrong script")
            try fx.ok("--branch", "review/bad", "followup", "add", reviewed, "--kind", "process", "--owner", "fay",
                      "--due", "2026-12-30", "--finding", badFinding, "Two-person rule")
            try fx.ok("--branch", "review/bad", "sync")

            // Meanwhile the base moves on.
            baseEvent = try fx.ok("timeline", "add", pending, "--at", "2026-11-20T11:00Z", "--kind", "action", "Key rotated")
            try fx.ok("sync")
        }

        /// A CI checkout as a forge makes it: a fresh clone at the forge's merge commit
        /// (`git merge --no-ff` of the review branch into the base). Returns (clone, base, merge).
        func forgeCheckout(_ branch: String) throws -> (dir: String, base: String, merge: String) {
            let dir = fx.tmp.path + "/ci-\(branch.replacingOccurrences(of: "/", with: "-"))"
            try fx.sandbox.git(["clone", "-q", server, dir], in: fx.tmp.path)
            try fx.sandbox.git(["checkout", "-q", "--detach", "origin/postmortems"], in: dir)
            try fx.sandbox.git(["merge", "-q", "--no-ff", "--no-edit", "-m", "Merge pull request #7 from \(branch)",
                                "origin/\(branch)"], in: dir)
            let base = try fx.sandbox.git(["rev-parse", "origin/postmortems"], in: dir).trimmed
            let merge = try fx.sandbox.git(["rev-parse", "HEAD"], in: dir).trimmed
            #expect(try fx.sandbox.git(["rev-list", "--parents", "-n", "1", "HEAD"], in: dir).split(separator: " ").count == 3)
            return (dir, base, merge)
        }
    }

    /// Runs the recipe's block as the CI runner would (sh, inquest on PATH).
    static func runRecipe(_ block: String, in dir: String, base: String, head: String, sandbox: Sandbox) throws -> ProcessResult {
        let bin = (Binaries.inquest as NSString).deletingLastPathComponent
        // The forge's own `publish` (job summary, merge-request note) becomes a copy here.
        let script = "publish() { cp inquest-diff.md published.md; }\n" + block
        return try sandbox.run("/bin/sh", ["-c", script], cwd: dir,
                               env: ["BASE_SHA": base, "HEAD_SHA": head, "PATH": bin + ":" + (sandbox.environment["PATH"] ?? "")])
    }

    @Test func bothRecipesRunTheSameCommands() throws {
        let github = try Self.recipeBlock("github-actions.yml"), gitlab = try Self.recipeBlock("gitlab-ci.yml")
        #expect(github == gitlab)
        #expect(github.contains("inquest check --range \"$BASE_SHA...$HEAD_SHA\""))
        #expect(github.contains("inquest diff --format markdown \"$BASE_SHA...$HEAD_SHA\" > inquest-diff.md"))
    }

    @Test func recipePassesACleanPullRequestAndPublishesItsDiff() throws {
        let h = try PullRequestHistory()
        let block = try Self.recipeBlock("github-actions.yml")
        let ci = try h.forgeCheckout("review/oidc")
        let r = try Self.runRecipe(block, in: ci.dir, base: ci.base, head: ci.merge, sandbox: h.fx.sandbox)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("inquest: exit 0"))
        #expect(r.stderr.contains("\(h.pending) (resolved): can move to review"))
        let md = try String(contentsOfFile: ci.dir + "/published.md", encoding: .utf8)
        #expect(md.contains("\(h.pending) can now move to review"))
        #expect(md.contains(h.goodFinding) && md.contains(h.goodFollowUp))
        #expect(md.contains("Patch in review"))
        // Three dots: the base's own progress since the fork is not part of the change.
        #expect(!md.contains(h.baseEvent))
        #expect(!md.contains(h.reviewed))

        let doc = try CommonMarkDocument(markdown: md, sandbox: h.fx.sandbox)
        #expect(doc.headings.contains { $0.hasPrefix("\(h.pending): OIDC token replay") })
        let tables = doc.tables
        #expect(tables.first?.first == ["Incident", "Status", "Could move to", "Verdict"])
        #expect(tables.contains { $0.first == ["Record", "Change", "Field", "Before", "After"]
            && $0.contains { $0 == [h.goodFinding, "added", "evidence", "", "[https://logs.example/replay]"] } })
        #expect(tables.contains { $0.first == ["Commit", "Signature", "Signed by", "Author", "Subject"] })
        // The forge's merge commit is in the range, unsigned like every commit here.
        #expect(tables.last?.contains { $0.last == "Merge pull request #7 from review/oidc" && $0[1] == "unsigned" } == true)
        // The multi-line section is a line diff, folded.
        let code = doc.nodes("code_block").map(\.text)
        #expect(code.contains { $0.contains("+ The jti claim was logged but never compared.") && $0.contains("  Tokens were accepted twice.") })

        // The same commands on the review branch's own tip (no forge merge) agree.
        let head = try h.fx.sandbox.git(["rev-parse", "origin/review/oidc"], in: ci.dir).trimmed
        let direct = try Self.runRecipe(block, in: ci.dir, base: ci.base, head: head, sandbox: h.fx.sandbox)
        #expect(direct.status == 0)
    }

    @Test func recipeFailsAPullRequestThatBreaksThePolicy() throws {
        let h = try PullRequestHistory()
        let block = try Self.recipeBlock("gitlab-ci.yml")
        let ci = try h.forgeCheckout("review/bad")
        let r = try Self.runRecipe(block, in: ci.dir, base: ci.base, head: ci.merge, sandbox: h.fx.sandbox)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("\(h.reviewed) \(h.badFinding): evidence: has none; review needs it"))
        #expect(r.stdout.contains("inquest: exit 1"))
        let md = try String(contentsOfFile: ci.dir + "/published.md", encoding: .utf8)
        #expect(md.contains("fails the gates of its own status (review)"))
        let doc = try CommonMarkDocument(markdown: md, sandbox: h.fx.sandbox)
        #expect(doc.tables.count >= 3)
        // A bad range is a usage error, and the job fails too.
        let bad = try Self.runRecipe(block, in: ci.dir, base: "no-such-ref", head: ci.merge, sandbox: h.fx.sandbox)
        #expect(bad.status == 2)
    }
}
