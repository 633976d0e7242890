import Foundation
import Testing
import TestSupport

/// `--branch` names any ref for reading (a local branch, a remote-tracking branch, a tag, a
/// commit id), every write refuses what is not a local branch, and a clone with only
/// `origin/postmortems` reads it and creates the local branch on its first write or sync.
@Suite struct AnyRefTests {
    /// A clone of a repository with one incident (with a finding and a follow-up), tagged,
    /// and a review branch with one more change that only the remote has.
    struct World {
        let fx: Fixture
        let clone: String
        let id: String
        let finding: String
        let followUp: String
        /// Only on the review branch.
        let reviewTitle = "Second incident, on review only"
        let commit: String

        init() throws {
            fx = try Fixture()
            let server = fx.tmp.path + "/server.git"
            try fx.sandbox.git(["init", "-q", "--bare", server], in: fx.tmp.path)
            try fx.git("remote", "add", "origin", server)
            id = try fx.ok("new", "Leaked key", "--severity", "sev3", "--owner", "ann")
            finding = try fx.ok("finding", "add", id, "--category", "manual-error", "--evidence", "log.txt", "Pasted a key")
            followUp = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "bo", "--due", "2026-12-01",
                                 "--finding", finding, "Scan pastes")
            try fx.ok("sync")
            try fx.git("branch", "--no-track", "review/x", "postmortems")
            try fx.ok("--branch", "review/x", "new", reviewTitle)
            try fx.ok("--branch", "review/x", "sync")
            try fx.git("tag", "pm-v1", "postmortems")
            try fx.git("push", "-q", "origin", "pm-v1")
            commit = fx.tip
            clone = fx.tmp.path + "/clone"
            try fx.sandbox.git(["clone", "-q", server, clone], in: fx.tmp.path)
        }

        func run(_ args: [String]) throws -> ProcessResult { try fx.sandbox.inquest(args, in: clone) }
        func refs() throws -> String { try fx.sandbox.git(["for-each-ref"], in: clone) + (try fx.sandbox.git(["config", "--list", "--local"], in: clone)) }
    }

    /// Every read command, as arguments after `--branch REF`.
    static func readCommands(_ w: World, out: String) -> [[String]] {
        [["list"], ["show", w.id], ["show", w.id, "--json"], ["log"], ["log", w.id, "--full"], ["check"],
         ["check", "--as", "resolved", w.id], ["report", w.id], ["stats"], ["site", out], ["followups"], ["verify"],
         ["conflicts"], ["diff"], ["diff", "--format", "markdown"]]
    }

    @Test func everyReadCommandReadsAnyRef() throws {
        let w = try World()
        let before = try w.refs()
        let refs = ["origin/postmortems", "refs/remotes/origin/postmortems", "pm-v1", w.commit, String(w.commit.prefix(12)),
                    "origin/review/x"]
        for ref in refs {
            for (n, command) in Self.readCommands(w, out: w.fx.tmp.path + "/site-\(UUID().uuidString)").enumerated() {
                let r = try w.run(["--branch", ref] + command)
                #expect(r.status == 0, "--branch \(ref) \(command.joined(separator: " ")): \(r.stderr)")
                if n == 0 {
                    #expect(r.stdout.contains(w.id))
                    #expect(r.stdout.contains(w.reviewTitle) == (ref == "origin/review/x"))
                }
            }
        }
        // Reading changed nothing: no branch, no config.
        #expect(try w.refs() == before)
    }

    /// Every write command, as arguments after `--branch REF`.
    static func writeCommands(_ w: World) -> [[String]] {
        [["init"], ["new", "Another"], ["set", w.id, "owner=cy"], ["status", w.id, "resolved"],
         ["timeline", "add", w.id, "--at", "2026-11-28", "Something"], ["finding", "add", w.id, "--category", "manual-error", "T"],
         ["followup", "add", w.id, "--kind", "bug", "--owner", "x", "--due", "2026-12-01", "T"],
         ["followup", "set", w.followUp, "owner=dee"], ["followup", "review", w.followUp, "--note", "ok"],
         ["resolve", w.id, "owner", "--value", "x"], ["sync"], ["merge", "origin/review/x"], ["approve", w.id],
         ["trust", "init"], ["finding", "delete", w.finding], ["edit", w.id]]
    }

    @Test func everyWriteCommandRefusesAReadOnlyRef() throws {
        let w = try World()
        let before = try w.refs()
        for (ref, kind) in [("origin/postmortems", "remote-tracking branch"), ("pm-v1", "tag"), (w.commit, "commit")] {
            for command in Self.writeCommands(w) {
                let r = try w.fx.sandbox.inquest(["--branch", ref] + command, in: w.clone, env: ["GIT_EDITOR": "true"])
                let what = "--branch \(ref) \(command.joined(separator: " "))"
                // Commands another branch adds (`finding delete`) may not exist here yet.
                if r.stderr.lowercased().contains("unexpected argument") { continue }
                #expect(r.status == 2, "\(what): \(r.stderr)")
                #expect(r.stderr.contains("'\(ref)' is a \(kind), not a local branch: Inquest only reads it"), "\(what): \(r.stderr)")
            }
        }
        #expect(try w.refs() == before)
    }

    @Test func aFreshCloneReadsTheRemoteBranchAndItsFirstWriteCreatesTheLocalOne() throws {
        let w = try World()
        let list = try w.run(["list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains(w.id))
        #expect(list.stderr.components(separatedBy: "reading origin/postmortems").count == 2)
        #expect(!list.stderr.contains("inquest init"))
        // A refused write creates nothing.
        let bad = try w.run(["set", w.id, "severity=sev9"])
        #expect(bad.status == 2)
        #expect(try w.fx.sandbox.run("git", ["rev-parse", "--verify", "-q", "refs/heads/postmortems"], cwd: w.clone).status != 0)
        // The first write builds on origin/postmortems and creates the local branch tracking it.
        let set = try w.run(["set", w.id, "owner=cy"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stderr.contains("Created the local 'postmortems' branch tracking origin/postmortems."))
        let parent = try w.fx.sandbox.git(["rev-parse", "postmortems~1"], in: w.clone).trimmed
        #expect(parent == (try w.fx.sandbox.git(["rev-parse", "origin/postmortems"], in: w.clone).trimmed))
        #expect(try w.fx.sandbox.git(["config", "branch.postmortems.remote"], in: w.clone).trimmed == "origin")
        #expect(try w.fx.sandbox.git(["config", "branch.postmortems.merge"], in: w.clone).trimmed == "refs/heads/postmortems")
        let again = try w.run(["list"])
        #expect(!again.stderr.contains("reading origin"))
        // The same for a review branch only the remote has, and `init` adopts rather than forks.
        let other = w.fx.tmp.path + "/other"
        try w.fx.sandbox.git(["clone", "-q", w.fx.tmp.path + "/server.git", other], in: w.fx.tmp.path)
        let initialized = try w.fx.sandbox.inquest(["init"], in: other)
        #expect(initialized.status == 0)
        #expect(try w.fx.sandbox.git(["rev-parse", "postmortems"], in: other) == (try w.fx.sandbox.git(["rev-parse", "origin/postmortems"], in: other)))
        let review = try w.fx.sandbox.inquest(["--branch", "review/x", "sync"], in: other)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(try w.fx.sandbox.git(["config", "branch.review/x.remote"], in: other).trimmed == "origin")
    }

    @Test func theInitHintOnlyWhenNoRemoteHasTheBranch() throws {
        let fx = try Fixture(initialize: false)
        let r = try fx.run(["list"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("hint: run `inquest init` to create it"))
        let w = try World()
        let missing = try w.run(["--branch", "review/none", "list"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("there is no 'review/none' branch here or on any remote"))
        #expect(missing.stderr.contains("git branch --no-track review/none origin/postmortems"))
        #expect(!missing.stderr.contains("inquest init"))
    }
}
