import Foundation
import Testing
import TestSupport

@Suite struct ScenarioTests {
    @Test func fullPostmortemLeavesTheCheckoutAlone() throws {
        let fx = try Fixture(initialize: false)
        // A working tree with modified, staged and untracked files.
        try "changed\n".write(to: fx.repo + "/README")
        try "staged\n".write(to: fx.repo + "/staged.txt")
        try fx.git("add", "staged.txt")
        try "untracked\n".write(to: fx.repo + "/untracked.txt")
        let before = try CheckoutState(fx)
        let statusBefore = try fx.git("status", "--porcelain")

        try fx.ok("init")
        let id = try fx.writeFullPostmortem()

        #expect(try CheckoutState(fx) == before)
        #expect(try fx.git("status", "--porcelain") == statusBefore)
        try fx.git("fsck", "--strict", "--no-dangling")

        // One commit per write, each with a meaningful subject and a trailer.
        let subjects = try fx.git("log", "--format=%s", "postmortems").lines
        #expect(subjects.count == 1 + 1 + 1 + 3 + 2 + 2 + 2)
        #expect(subjects.last == "init postmortems branch")
        #expect(subjects.contains("new \(id): Leaked deploy key"))
        #expect(subjects.first == "\(id): status resolved -> review")
        #expect(subjects.filter { $0.hasPrefix("\(id): timeline EV-") }.count == 3)
        let trailers = try fx.git("log", "-1", "--format=%(trailers:key=Inquest-Records,valueonly)", "postmortems")
        #expect(trailers.trimmed == id)
        let authors = Set(try fx.git("log", "--format=%an <%ae>", "postmortems").lines)
        #expect(authors == ["Alice Example <alice@example.com>"])

        // Records are readable Markdown on the branch.
        let path = try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines.first { $0.hasSuffix("incident.md") }!
        #expect(path == "incidents/2026-11/\(id)/incident.md")
        let md = try fx.git("show", "postmortems:\(path)")
        #expect(md.hasPrefix("---\nid: \(id)\ntitle: Leaked deploy key\nseverity: sev1\nstatus: review\n"))
        #expect(md.contains("\n## Technical summary\n\nThe key was pasted into a gist.\nEvidence: audit log.\n"))
        #expect(md.hasSuffix("## Key takeaways\n\nScan gists for secrets.\n"))
        let files = try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines
        #expect(files.filter { $0.contains("/timeline/") }.count == 3)
        #expect(files.filter { $0.contains("/findings/F-") }.count == 2)
        #expect(files.filter { $0.contains("/followups/FU-") }.count == 2)
        #expect(files.contains(".inquest/policy.yml") && files.contains(".gitattributes") && files.contains("README.md"))
    }

    @Test func worksWithDashCOnABareRepository() throws {
        let fx = try Fixture(bare: true, initialize: false)
        let elsewhere = fx.tmp.sub("elsewhere")
        let cli: ([String]) throws -> String = { args in
            try fx.sandbox.ok(["-C", fx.repo] + args, in: elsewhere)
        }
        _ = try cli(["init"])
        let id = try fx.writeFullPostmortem(cli: cli)
        try fx.git("fsck", "--strict", "--no-dangling")
        #expect(try fx.git("log", "--format=%s", "postmortems").lines.count == 12)
        // -C after the command works too, and so does a relative -C.
        let shown = try fx.sandbox.ok(["show", String(id.prefix(8)), "-C", "../server.git"], in: elsewhere)
        #expect(shown.hasPrefix("\(id)  Leaked deploy key"))
    }

    @Test func repositoryWithNoCommitsAndOutsideAnyRepository() throws {
        let fx = try Fixture(initialize: false)
        let empty = fx.tmp.sub("empty")
        try fx.sandbox.git(["init", "-q", empty], in: fx.tmp.path)
        try fx.sandbox.ok(["init"], in: empty)
        let id = try fx.sandbox.ok(["new", "First"], in: empty)
        #expect(id.hasPrefix("INC-"))
        // HEAD is still unborn: nothing was committed to the user's branch.
        #expect(try fx.sandbox.run("git", ["rev-parse", "--verify", "-q", "HEAD"], cwd: empty).status != 0)

        let outside = fx.tmp.sub("not-a-repo")
        let r = try fx.sandbox.inquest(["list"], in: outside, env: ["GIT_CEILING_DIRECTORIES": fx.tmp.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a git repository"))
    }

    @Test func gitInquestWorksThroughGit() throws {
        let fx = try Fixture()
        let bin = fx.tmp.sub("bin")
        try FileManager.default.createSymbolicLink(atPath: bin + "/git-inquest", withDestinationPath: Binaries.inquest)
        let id = try fx.ok("new", "Via git")
        let path = bin + ":" + (fx.sandbox.environment["PATH"] ?? "")
        let listed = try fx.sandbox.git(["inquest", "list"], in: fx.repo, env: ["PATH": path])
        #expect(listed.contains(id))
    }

    @Test func uninitialisedBranchGetsAHint() throws {
        let fx = try Fixture(initialize: false)
        let r = try fx.run(["list"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no 'postmortems' branch"))
        #expect(r.stderr.contains("inquest init"))
        // --branch and inquest.branch pick another branch.
        try fx.ok("--branch", "pm", "init")
        try fx.git("config", "inquest.branch", "pm")
        let id = try fx.ok("new", "Elsewhere")
        #expect(try fx.git("log", "--format=%s", "-1", "pm").trimmed == "new \(id): Elsewhere")
    }
}
