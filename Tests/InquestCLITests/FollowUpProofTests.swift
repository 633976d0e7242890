import Foundation
import Testing
import TestSupport

/// Follow-ups closed by proof, against a real code history: trailers on feature branches,
/// merged with merge commits and with a squash, a release tag, a revert, a force-push.
/// git itself is the judge of where each commit is.
@Suite struct FollowUpProofTests {
    /// A code repository (main with one commit) with a postmortems branch, an incident and
    /// follow-ups of the given kinds.
    struct World {
        let fx: Fixture
        let incident: String
        var fus: [String] = []

        init(kinds: [String], owner: String = "bob") throws {
            fx = try Fixture()
            incident = try fx.ok("new", "Leaked deploy key", "--severity", "sev3")
            for (n, kind) in kinds.enumerated() {
                fus.append(try fx.ok("followup", "add", incident, "--kind", kind, "--owner", owner,
                                     "--due", "2026-12-\(10 + n)", "Follow-up \(n)"))
            }
        }

        @discardableResult
        func git(_ args: String...) throws -> String { try fx.sandbox.git(args, in: fx.repo).trimmed }
        func gitStatus(_ args: String...) throws -> Int32 { try fx.sandbox.run("git", args, cwd: fx.repo).status }

        /// A commit on the current branch touching `file`.
        @discardableResult
        func commit(_ message: String, file: String = "f-\(UUID().uuidString.prefix(6)).txt") throws -> String {
            let path = fx.repo + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try UUID().uuidString.write(to: path)
            try git("add", file)
            try git("commit", "-q", "-m", message)
            return try git("rev-parse", "HEAD")
        }

        /// `show FU --json`'s `proof`.
        func proof(_ fu: String) throws -> [String: Any] {
            let json = try JSONSerialization.jsonObject(with: Data(fx.ok("show", fu, "--json").utf8)) as! [String: Any]
            return json["proof"] as! [String: Any]
        }

        func links(_ fu: String) throws -> [[String: Any]] { try proof(fu)["links"] as! [[String: Any]] }

        /// What git says of a commit: on main, the first release tag containing it (by date,
        /// then name), the commit on main that reverts it.
        func gitSays(_ sha: String) throws -> (onMain: Bool, release: String?, revertedBy: String?) {
            let onMain = try gitStatus("merge-base", "--is-ancestor", sha, "main") == 0
            let tags = try git("tag", "--list", "v*", "--contains", sha, "--sort=creatordate", "--sort=refname")
            let reverts = try git("log", "main", "--format=%H", "--grep=This reverts commit \(sha)")
            return (onMain, tags.split(separator: "\n").first.map(String.init),
                    reverts.split(separator: "\n").first.map(String.init))
        }
    }

    @Test func eachFollowUpsStateMatchesGit() throws {
        let w = try World(kinds: ["bug", "change-request", "bug", "bug", "process"])
        let (a, b, c, d, e) = (w.fus[0], w.fus[1], w.fus[2], w.fus[3], w.fus[4])
        try w.git("config", "--add", "inquest.codeRefs", "main")
        try w.git("config", "--add", "inquest.codeRefs", "refs/heads/feature/*")
        try w.git("tag", "v0.9")

        // A: a feature branch merged with a merge commit, then released (annotated tag).
        // The trailer names A by a unique prefix, lower case.
        try w.git("switch", "-q", "-c", "feature/a")
        try w.commit("Start A\n\nFollow-up: \(a)")
        let fixA = try w.commit("Finish A\n\nFixes-Follow-up: \(String(a.prefix(8)).lowercased())")
        try w.git("switch", "-q", "main")
        try w.git("merge", "-q", "--no-ff", "feature/a", "-m", "Merge feature/a")
        try w.git("tag", "-a", "v1.0", "-m", "release 1.0")
        try w.git("tag", "v1.1")

        // B: two commits squashed into one on main; the feature branch is deleted, so only
        // the squashed message (git indents the originals) carries the trailer.
        try w.git("switch", "-q", "-c", "feature/b")
        try w.commit("B part one")
        try w.commit("B part two\n\nFixes-Follow-up: \(b)")
        try w.git("switch", "-q", "main")
        try w.git("merge", "-q", "--squash", "feature/b")
        try w.git("commit", "-q", "--no-edit")
        let squash = try w.git("rev-parse", "HEAD")
        try w.git("branch", "-q", "-D", "feature/b")
        #expect(try w.git("log", "-1", "--format=%B").contains("    Fixes-Follow-up: \(b)"))

        // C: merged, then reverted on main.
        try w.git("switch", "-q", "-c", "feature/c")
        let fixC = try w.commit("Fix C\n\nFixes-Follow-up: \(c)")
        try w.git("switch", "-q", "main")
        try w.git("merge", "-q", "--no-ff", "feature/c", "-m", "Merge feature/c")
        try w.git("revert", "--no-edit", fixC)
        let revertC = try w.git("rev-parse", "HEAD")

        // D: a fix still on its feature branch.
        try w.git("switch", "-q", "-c", "feature/d")
        let fixD = try w.commit("Fix D\n\nFixes-Follow-up: \(d)")
        try w.git("switch", "-q", "main")

        // E: only a merge request elsewhere, linked by hand.
        try w.fx.ok("followup", "link", e, "https://git.example.com/team/app/-/merge_requests/42")

        // Each state, from show --json, against git's own answer.
        func only(_ fu: String, _ source: String) throws -> [String: Any] {
            let ls = try w.links(fu).filter { $0["source"] as? String == source }
            #expect(ls.count == 1, "\(fu) \(source): \(ls)")
            return ls[0]
        }
        let la = try only(a, "fixes-follow-up")
        #expect(la["commit"] as? String == fixA)
        let gitA = try w.gitSays(fixA)
        #expect(gitA.onMain && gitA.release == "v1.0" && gitA.revertedBy == nil)
        #expect(la["state"] as? String == "shipped")
        #expect(la["release"] as? String == gitA.release)
        #expect(try w.proof(a)["summary"] as? String == "fixed in \(fixA.prefix(7)), shipped in v1.0")
        #expect(try only(a, "follow-up")["state"] as? String == "shipped")

        let lb = try only(b, "fixes-follow-up")
        #expect(lb["commit"] as? String == squash)
        let gitB = try w.gitSays(squash)
        #expect(gitB.onMain && gitB.release == nil)
        #expect(lb["state"] as? String == "merged")
        #expect(try w.proof(b)["summary"] as? String == "fix merged in \(squash.prefix(7)), not yet released")

        let lc = try only(c, "fixes-follow-up")
        #expect(try w.gitSays(fixC).revertedBy == revertC)
        #expect(lc["state"] as? String == "reverted")
        #expect(lc["reverted_by"] as? String == revertC)
        #expect(try w.proof(c)["summary"] as? String == "fix \(fixC.prefix(7)) reverted in \(revertC.prefix(7))")

        let ld = try only(d, "fixes-follow-up")
        #expect(try w.gitSays(fixD).onMain == false)
        #expect(ld["state"] as? String == "unmerged")
        #expect(try w.proof(d)["summary"] as? String == "fix in \(fixD.prefix(7)), not merged")

        let le = try only(e, "link")
        #expect(le["state"] as? String == "external")
        #expect(le["proves_merged"] as? Bool == false)

        // followups --links: the same phrases in the FIX column.
        let table = try w.fx.ok("followups", "--links")
        #expect(table.lines.first?.contains("FIX") == true)
        for (fu, phrase) in [(a, "fixed in \(fixA.prefix(7)), shipped in v1.0"),
                             (b, "fix merged in \(squash.prefix(7)), not yet released"),
                             (c, "fix \(fixC.prefix(7)) reverted in \(revertC.prefix(7))"),
                             (d, "fix in \(fixD.prefix(7)), not merged"),
                             (e, "linked: https://git.example.com/team/app/-/merge_requests/42")] {
            let line = table.lines.first { $0.hasPrefix(fu) }
            #expect(line?.contains(phrase) == true, "\(fu): \(line ?? "missing")")
        }
        // Without --links, no scan and no column.
        #expect(try w.fx.ok("followups").lines.first?.contains("FIX") == false)

        // The report, Markdown and HTML, and the site's tracker say the same.
        let md = try w.fx.ok("report", w.incident)
        #expect(md.contains("fixed in \(fixA.prefix(7)), shipped in v1.0"))
        #expect(md.contains("fix \(fixC.prefix(7)) reverted in \(revertC.prefix(7))"))
        let html = try w.fx.ok("report", w.incident, "--format", "html")
        #expect(html.contains("fix merged in \(squash.prefix(7)), not yet released"))
        let site = w.fx.tmp.path + "/site"
        try w.fx.ok("site", site)
        let tracker = try String(contentsOfFile: site + "/followups.html", encoding: .utf8)
        #expect(tracker.contains("fix in \(fixD.prefix(7)), not merged"))

        // The text of show names the rule and what is missing.
        let shown = try w.fx.ok("show", c)
        #expect(shown.contains("Done needs: merged, not met: needs a fix merged to main (done_requires bug: merged): its fix \(fixC.prefix(7)) was reverted in \(revertC.prefix(7))"))
    }

    @Test func doneIsRefusedWithoutProofAndAcceptedWithIt() throws {
        let w = try World(kinds: ["bug", "change-request", "process", "bug"])
        let (bug, cr, process, other) = (w.fus[0], w.fus[1], w.fus[2], w.fus[3])
        func refused(_ fu: String, _ message: String) throws {
            let before = w.fx.tip
            let r = try w.fx.run(["followup", "set", fu, "status=done"])
            #expect(r.status == 1, "\(fu): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
            #expect(w.fx.tip == before, "nothing written")
        }
        try refused(bug, "status: done needs a fix merged to main (done_requires bug: merged): no commit reachable from main carries `Fixes-Follow-up: \(bug)`")
        try refused(cr, "done_requires change-request: merged")
        // A kind the default policy sets no rule for is done by saying so.
        try w.fx.ok("followup", "set", process, "status=done")

        // A hand link proves nothing, even to a commit on main.
        let head = try w.git("rev-parse", "HEAD")
        try w.fx.ok("followup", "link", bug, "HEAD")
        #expect(try w.links(bug).first?["commit"] as? String == head)
        #expect(try w.fx.ok("show", bug).contains("(linked by hand)"))
        try refused(bug, "no commit reachable from main")

        // A Follow-up: trailer (work on it) is not a fix either; a fix on a branch is not merged.
        try w.commit("Work on it\n\nFollow-up: \(bug)")
        try refused(bug, "no commit reachable from main")
        try w.git("switch", "-q", "-c", "topic")
        try w.commit("The fix\n\nFixes-Follow-up: \(bug)")
        try w.git("config", "inquest.codeRefs", "main topic")
        try refused(bug, "is not reachable from main")

        // Merged: accepted.
        try w.git("switch", "-q", "main")
        try w.git("merge", "-q", "--no-ff", "topic", "-m", "Merge topic")
        try w.fx.ok("followup", "set", bug, "status=done")
        #expect(try w.fx.ok("show", bug, "--json").contains("\"status\": \"done\""))

        // Two follow-ups fixed by one commit, both trailers; with shipped required, a tag is needed.
        try w.fx.editBranch(message: "require shipped for bugs") { wt in
            let p = wt + "/.inquest/policy.yml"
            let text = try String(contentsOfFile: p, encoding: .utf8)
            try text.replacingOccurrences(of: "  bug: merged", with: "  bug: shipped").write(to: p)
        }
        let fix = try w.commit("Fix both\n\nFixes-Follow-up: \(other)\nFixes-Follow-up: \(cr)")
        try refused(other, "needs its fix released (done_requires bug: shipped): \(fix.prefix(7)) is on main but no tag matching 'v*' contains it yet")
        try w.fx.ok("followup", "set", cr, "status=done")
        try w.git("tag", "release-1")
        try refused(other, "no tag matching 'v*'")
        try w.git("config", "inquest.releaseTags", "release-*")
        try w.fx.ok("followup", "set", other, "status=done")

        // A hand edit (inquest edit) is held to the same rule.
        let w2 = try World(kinds: ["bug"])
        let editor = w2.fx.tmp.path + "/editor.sh"
        try "#!/bin/sh\nsed -i 's/^status: open$/status: done/' \"$1\"\n".write(to: editor)
        try w2.fx.sandbox.run("chmod", ["+x", editor], cwd: "/")
        let before = w2.fx.tip
        let r = try w2.fx.run(["edit", w2.fus[0]], env: ["GIT_EDITOR": editor])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("done_requires bug: merged"))
        #expect(w2.fx.tip == before)
    }

    @Test func auditCatchesARevertAndAForcePushedMain() throws {
        let w = try World(kinds: ["bug", "bug", "bug"])
        let (reverted, dropped, fine) = (w.fus[0], w.fus[1], w.fus[2])
        // A shared remote; the clone follows its default branch (origin/HEAD).
        let origin = w.fx.tmp.path + "/origin.git"
        try w.fx.sandbox.git(["init", "-q", "--bare", "-b", "main", origin], in: w.fx.tmp.path)
        try w.git("remote", "add", "origin", origin)
        try w.git("push", "-q", "-u", "origin", "main")
        try w.git("remote", "set-head", "origin", "main")

        let fixR = try w.fx.fixOnMain(reverted)
        try w.fx.fixOnMain(fine)
        try w.git("push", "-q", "origin", "main")
        let fixD = try w.fx.fixOnMain(dropped)
        try w.git("push", "-q", "origin", "main")
        for fu in w.fus { try w.fx.ok("followup", "set", fu, "status=done") }
        #expect(try w.fx.run(["followups", "--audit"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: w.fx.repo + "/.git/inquest/code-links"))

        // Someone reverts one fix and force-pushes main without another.
        let other = w.fx.tmp.path + "/other"
        try w.fx.sandbox.git(["clone", "-q", origin, other], in: w.fx.tmp.path)
        try w.fx.sandbox.git(["reset", "-q", "--hard", "HEAD~1"], in: other)
        try w.fx.sandbox.git(["revert", "--no-edit", fixR], in: other)
        try w.fx.sandbox.git(["push", "-q", "-f", "origin", "main"], in: other)
        try w.git("fetch", "-q", "origin")
        #expect(try w.gitStatus("merge-base", "--is-ancestor", fixD, "origin/main") != 0)

        // The audit scans incrementally, sees main rewritten, and reports both; exit 1.
        let r = try w.fx.run(["followups", "--audit"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.lines
        #expect(lines.contains { $0.hasPrefix(reverted) && $0.contains("its fix \(fixR.prefix(7)) was reverted in") })
        #expect(lines.contains { $0.hasPrefix(dropped) && $0.contains("its fix \(fixD.prefix(7)) is not reachable from origin/main") })
        // Once the local main is reset too, the dropped fix is in no code ref at all.
        try w.git("reset", "-q", "--hard", "origin/main")
        let after = try w.fx.run(["followups", "--audit"])
        #expect(after.stdout.lines.contains { $0.hasPrefix(dropped) && $0.contains("no commit reachable from origin/main carries `Fixes-Follow-up: \(dropped)`") }, "\(after.stdout)")
        #expect(!lines.contains { $0.hasPrefix(fine) })
        #expect(r.stderr.contains("2 follow-ups marked done without the proof they need"))
        let jr = try w.fx.run(["followups", "--audit", "--json"])
        #expect(jr.status == 1, "--audit --json exits 1 too")
        let rows = try JSONSerialization.jsonObject(with: Data(jr.stdout.utf8)) as! [[String: Any]]
        #expect(Set(rows.map { $0["id"] as! String }) == [reverted, dropped])

        // A corrupt cache is rebuilt, with the same verdict.
        try "inquest-code-links 2\nref nothex refs/heads/main\n".write(to: w.fx.repo + "/.git/inquest/code-links")
        let again = try w.fx.run(["followups", "--audit"])
        #expect(again.status == 1)
        #expect(again.stdout == after.stdout)
    }

    @Test func sopUpdateFixMustTouchItsDocuments() throws {
        let w = try World(kinds: ["sop-update"])
        let fu = w.fus[0]
        try w.fx.editBranch(message: "SOP updates need a merged change") { wt in
            let p = wt + "/.inquest/policy.yml"
            let text = try String(contentsOfFile: p, encoding: .utf8)
            try text.replacingOccurrences(of: "  change-request: merged", with: "  change-request: merged\n  sop-update: merged").write(to: p)
        }
        try w.fx.ok("followup", "set", fu, "documents=./docs/runbooks/keys.md")
        #expect(try w.fx.ok("show", fu, "--json").contains("\"docs/runbooks/keys.md\""))
        let bad = try w.fx.run(["followup", "set", fu, "documents+=../etc/passwd"])
        #expect(bad.status == 2)

        let wrong = try w.commit("Update the wrong runbook\n\nFixes-Follow-up: \(fu)", file: "docs/runbooks/other.md")
        #expect(try w.proof(fu)["summary"] as? String == "fix merged in \(wrong.prefix(7)), not yet released; touches none of the SOP documents")
        let r = try w.fx.run(["followup", "set", fu, "status=done"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("its fix \(wrong.prefix(7)) changes none of its documents (docs/runbooks/keys.md)"))

        let right = try w.commit("Rotate keys runbook\n\nFixes-Follow-up: \(fu)", file: "docs/runbooks/keys.md")
        let links = try w.links(fu)
        #expect(links.first { $0["commit"] as? String == right }?["documents_touched"] as? [String] == ["docs/runbooks/keys.md"])
        try w.fx.ok("followup", "set", fu, "status=done")
    }

    @Test func mineListsOpenFollowUpsWithTrailersAndThePrepareCommitMsgRecipeWorks() throws {
        let w = try World(kinds: ["bug", "bug"], owner: "alice@example.com")
        let other = try w.fx.ok("followup", "add", w.incident, "--kind", "bug", "--owner", "carol", "--due", "2026-12-30", "Not mine")
        let named = try w.fx.ok("followup", "add", w.incident, "--kind", "bug", "--owner", "Alice Example <alice@example.com>", "--due", "2026-12-30", "Mine too")
        try w.fx.fixOnMain(w.fus[1])
        try w.fx.ok("followup", "set", w.fus[1], "status=done")
        let out = try w.fx.ok("followups", "--mine")
        #expect(out.contains("Fixes-Follow-up: \(w.fus[0])"))
        #expect(out.contains("Fixes-Follow-up: \(named)"))
        #expect(!out.contains(other) && !out.contains(w.fus[1]), "only open ones of mine")
        let json = try JSONSerialization.jsonObject(with: Data(w.fx.ok("followups", "--mine", "--json").utf8)) as! [[String: Any]]
        #expect(json.map { $0["trailer"] as! String }.sorted() == ["Fixes-Follow-up: \(w.fus[0])", "Fixes-Follow-up: \(named)"].sorted())

        // The recipe in docs/followup-proof.md, installed as it says, in a real `git commit`.
        let docs = try String(contentsOfFile: DocsScreenshotTests.root + "/docs/followup-proof.md", encoding: .utf8)
        let start = docs.range(of: "```sh\n#!/bin/sh\n# prepare-commit-msg")!
        let body = docs[start.upperBound...]
        let script = "#!/bin/sh\n# prepare-commit-msg" + body[..<body.range(of: "```")!.lowerBound]
        let hook = w.fx.repo + "/.git/hooks/prepare-commit-msg"
        try script.replacingOccurrences(of: "inquest ", with: "\(Binaries.inquest) ").write(to: hook)
        try w.fx.sandbox.run("chmod", ["+x", hook], cwd: "/")
        // The "editor" uncomments the trailer of the first follow-up, as a person would.
        let editor = w.fx.tmp.path + "/pick.sh"
        try "#!/bin/sh\nsed -i 's/^# \\(Fixes-Follow-up: \(w.fus[0])\\)$/\\1/' \"$1\"\n".write(to: editor)
        try w.fx.sandbox.run("chmod", ["+x", editor], cwd: "/")
        try "x".write(to: w.fx.repo + "/x.txt")
        try w.git("add", "x.txt")
        let r = try w.fx.sandbox.run("git", ["commit", "-q"], cwd: w.fx.repo, env: ["GIT_EDITOR": editor])
        #expect(r.status == 0, "\(r.stderr)")
        let message = try w.git("log", "-1", "--format=%B")
        #expect(message.contains("Fixes-Follow-up: \(w.fus[0])"))
        #expect(!message.contains(named), "the other trailers stay comments and git strips them")
        try w.fx.ok("followup", "set", w.fus[0], "status=done")
    }

    @Test func linkRefusesWhatIsNeitherACommitNorAURL() throws {
        let w = try World(kinds: ["bug"])
        let before = w.fx.tip
        for bad in ["not-a-rev", "ftp://x.example/y", "javascript:alert(1)", ""] {
            let r = try w.fx.run(["followup", "link", w.fus[0], bad])
            #expect(r.status == 2, "\(bad): \(r.stderr)")
        }
        #expect(w.fx.tip == before)
        // Links are a list on the record, one commit each time; linking twice changes nothing.
        try w.fx.ok("followup", "link", w.fus[0], "https://tracker.example/MR-1")
        let once = w.fx.tip
        try w.fx.ok("followup", "link", w.fus[0], "https://tracker.example/MR-1")
        #expect(w.fx.tip == once)
        #expect(try w.fx.ok("show", w.fus[0], "--json").contains("\"links\": [\n    \"https://tracker.example/MR-1\""))
        #expect(try w.git("show", "postmortems", "--format=%s", "-s") == "\(w.incident): \(w.fus[0]) link https://tracker.example/MR-1")
    }

    @Test func policyReaderRefusesUnknownKindsAndValues() throws {
        let w = try World(kinds: ["bug"])
        for (line, message) in [("  chore: merged", "done_requires: 'chore' is not a follow-up kind"),
                                ("  process: reviewed", "done_requires.process: expected one of none, note, merged, shipped")] {
            try w.fx.editBranch(message: "bad policy") { wt in
                let p = wt + "/.inquest/policy.yml"
                let text = try String(contentsOfFile: p, encoding: .utf8)
                try text.replacingOccurrences(of: "  change-request: merged", with: "  change-request: merged\n\(line)").write(to: p)
            }
            let r = try w.fx.run(["check"])
            #expect(r.status == 1)
            let text = try w.git("show", "postmortems:.inquest/policy.yml")
            let n = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == Substring(line) }! + 1
            #expect(r.stderr.contains(".inquest/policy.yml:\(n): \(message)"), "\(r.stderr)")
            try w.fx.editBranch(message: "fix policy") { wt in
                let p = wt + "/.inquest/policy.yml"
                let text = try String(contentsOfFile: p, encoding: .utf8)
                try text.replacingOccurrences(of: "\n\(line)", with: "").write(to: p)
            }
        }
        // `note`: a review note is the proof.
        try w.fx.editBranch(message: "bugs need a note") { wt in
            let p = wt + "/.inquest/policy.yml"
            let text = try String(contentsOfFile: p, encoding: .utf8)
            try text.replacingOccurrences(of: "  bug: merged", with: "  bug: note").write(to: p)
        }
        let r = try w.fx.run(["followup", "set", w.fus[0], "status=done"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("done needs a review note saying what was done (done_requires bug: note)"))
        try w.fx.ok("followup", "review", w.fus[0], "--note", "Patched and verified in staging")
        try w.fx.ok("followup", "set", w.fus[0], "status=done")
    }

    /// The attack: mark a bug done by hand (past the CLI) and push it to a server whose
    /// pre-receive hook holds the policy. The server judges with its own code refs.
    @Test func serverHookEnforcesDoneRequiresThroughGitDaemon() throws {
        let fx = try Fixture(bare: true, initialize: false)
        try fx.ok("hooks", "install", "--server")
        let daemon = try GitDaemon(base: fx.tmp.path, sandbox: fx.sandbox)
        let clone = fx.tmp.path + "/clone"
        try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), clone], in: fx.tmp.path)
        @discardableResult func git(_ args: String...) throws -> String { try fx.sandbox.git(args, in: clone).trimmed }
        func push(_ args: String...) throws -> ProcessResult { try fx.sandbox.run("git", ["push"] + args, cwd: clone) }
        @discardableResult func inq(_ args: String...) throws -> String { try fx.sandbox.ok(args, in: clone) }
        var serverTip: String { (try? fx.git("rev-parse", "postmortems"))?.trimmed ?? "" }

        try git("switch", "-q", "-c", "main")
        try "app\n".write(to: clone + "/app.txt")
        try git("add", "app.txt")
        try git("commit", "-q", "-m", "app")
        #expect(try push("-q", "origin", "main").status == 0)
        try inq("init")
        let id = try inq("new", "Leak", "--severity", "sev3")
        let fu = try inq("followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-10", "Fix the leak")
        #expect(try push("-q", "origin", "postmortems").status == 0)

        // Done by hand, no fix anywhere: the server refuses, naming what is missing.
        try fx.editBranch(in: clone, message: "done, trust me") { wt in
            let path = try fx.sandbox.git(["ls-files", "*/followups/\(fu).md"], in: wt).trimmed
            let text = try String(contentsOfFile: wt + "/" + path, encoding: .utf8)
            try text.replacingOccurrences(of: "status: open", with: "status: done").write(to: wt + "/" + path)
        }
        let before = serverTip
        let refused = try push("origin", "postmortems")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("remote: \(id) \(fu): status: done needs a fix merged to main (done_requires bug: merged): no commit reachable from main carries `Fixes-Follow-up: \(fu)`"), "\(refused.stderr)")
        #expect(serverTip == before)

        // The fix exists in the clone only: the server does not see it, and still refuses.
        try fx.fixOnMain(fu, in: clone)
        #expect(try push("origin", "postmortems").status != 0)
        #expect(serverTip == before)

        // A fix on a branch that is not main does not count on the server either.
        #expect(try push("-q", "origin", "main:refs/heads/topic").status == 0)
        #expect(try push("origin", "postmortems").status != 0)

        // Pushed together with main, the fix counts (the hook sees the pushed tip of main).
        let both = try push("origin", "main", "postmortems")
        #expect(both.status == 0, "\(both.stderr)")
        #expect(serverTip == (try git("rev-parse", "postmortems")))

        // A fresh clone agrees: the follow-up is done and proven by the server's main.
        try fx.git("symbolic-ref", "HEAD", "refs/heads/main")
        let fresh = fx.tmp.path + "/fresh"
        try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), fresh], in: fx.tmp.path)
        try fx.sandbox.git(["fetch", "-q", "origin", "postmortems:postmortems"], in: fresh)
        let shown = try fx.sandbox.ok(["show", fu], in: fresh)
        #expect(shown.contains("status done"))
        #expect(shown.contains("Done needs: merged, met"))
    }

    /// pre-push on a laptop: the same rule, judged with the clone's remote-tracking main, and
    /// with branches pushed alongside counted as they will be.
    @Test func prePushEnforcesDoneRequiresWithTheBranchesPushedAlongside() throws {
        let w = try World(kinds: ["bug"])
        let fu = w.fus[0]
        let origin = w.fx.tmp.path + "/origin.git"
        try w.fx.sandbox.git(["init", "-q", "--bare", "-b", "main", origin], in: w.fx.tmp.path)
        try w.git("remote", "add", "origin", origin)
        try w.git("push", "-q", "-u", "origin", "main", "postmortems")
        try w.git("remote", "set-head", "origin", "main")
        try w.fx.ok("hooks", "install")
        try w.fx.editBranch(message: "done by hand") { wt in
            let path = try w.fx.sandbox.git(["ls-files", "*/followups/\(fu).md"], in: wt).trimmed
            let text = try String(contentsOfFile: wt + "/" + path, encoding: .utf8)
            try text.replacingOccurrences(of: "status: open", with: "status: done").write(to: wt + "/" + path)
        }
        let remoteTip = try w.fx.sandbox.git(["rev-parse", "postmortems"], in: origin).trimmed
        // The fix is on the local main but not on origin/main: refused before anything leaves.
        try w.fx.fixOnMain(fu)
        let alone = try w.fx.sandbox.run("git", ["push", "origin", "postmortems"], cwd: w.fx.repo)
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("needs a fix merged to origin/main (done_requires bug: merged): its fix"), "\(alone.stderr)")
        #expect(alone.stderr.contains("is not reachable from origin/main"))
        #expect(try w.fx.sandbox.git(["rev-parse", "postmortems"], in: origin).trimmed == remoteTip)
        // The attack: weaken the policy in the same push. The rule in force before it holds.
        try w.fx.editBranch(message: "bugs need nothing") { wt in
            let p = wt + "/.inquest/policy.yml"
            let text = try String(contentsOfFile: p, encoding: .utf8)
            try text.replacingOccurrences(of: "  bug: merged", with: "  bug: none").write(to: p)
        }
        let weakened = try w.fx.sandbox.run("git", ["push", "origin", "postmortems"], cwd: w.fx.repo)
        #expect(weakened.status != 0)
        #expect(weakened.stderr.contains("done_requires bug: merged"), "\(weakened.stderr)")
        // Pushed with main, it passes.
        let both = try w.fx.sandbox.run("git", ["push", "origin", "main", "postmortems"], cwd: w.fx.repo)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(try w.fx.sandbox.git(["rev-parse", "postmortems"], in: origin).trimmed == w.fx.tip)
    }
}
