import Foundation
import Testing
import TestSupport

/// Locks left by killed writers, shallow clones, repositories of other users, and branches
/// that are not Inquest's: each gets a clear message, quickly, and nothing is written.
@Suite struct RepositoryStateTests {
    static func lockPath(_ repo: String) -> String { repo + "/.git/refs/heads/postmortems.lock" }

    /// A lock whose writer is gone: one second old, held by no process.
    static func leaveStaleLock(_ path: String) throws {
        try "0000000000000000000000000000000000000000\n".write(to: path)
        let old = Date().addingTimeInterval(-30)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
    }

    @Test func aStaleLockIsReportedAtOnceWithItsPathAndTheFix() throws {
        let fx = try Fixture()
        let tip = fx.tip
        try Self.leaveStaleLock(Self.lockPath(fx.repo))
        let started = Date()
        let r = try fx.run(["new", "Blocked"])
        let took = Date().timeIntervalSince(started)
        #expect(r.status == 3)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(Self.lockPath(fx.repo)))
        #expect(r.stderr.contains("rm '\(Self.lockPath(fx.repo))'"))
        #expect(!r.stderr.contains("kept moving"))
        #expect(took < 3, "took \(took) s")
        #expect(fx.tip == tip)
        try FileManager.default.removeItem(atPath: Self.lockPath(fx.repo))
        #expect(try fx.run(["new", "Unblocked"]).status == 0)
    }

    @Test func aLiveLockIsWaitedFor() throws {
        let fx = try Fixture()
        let lock = Self.lockPath(fx.repo)
        try "x\n".write(to: lock)
        // Another writer still holds it open (as libgit2 does while it writes), then lets go,
        // within the second a fresh lock counts as live whatever /proc says (so a loaded
        // machine cannot make this test flaky; RefLockTests checks the /proc side alone).
        let holder = try fx.sandbox.run("sh", ["-c", "exec 3<'\(lock)'; (sleep 0.7; rm -f '\(lock)') & sleep 0.1; '\(Binaries.inquest)' new 'After the lock'"],
                                        cwd: fx.repo)
        #expect(holder.status == 0, "\(holder.stderr)")
        #expect(holder.trimmed.hasPrefix("INC-"))
        #expect(!FileManager.default.fileExists(atPath: lock))
    }

    @Test func syncReportsAStaleLockOnceNotEightTimes() throws {
        let c = try Cluster(clones: 2)
        try c.ok(0, "new", "From zero")
        try c.ok(0, "sync")
        try Self.leaveStaleLock(Self.lockPath(c.clones[1]))
        let r = try c.run(1, ["sync"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("rm '\(Self.lockPath(c.clones[1]))'"))
        #expect(!r.stderr.contains("Someone else pushed"))
        #expect(!r.stderr.contains("kept moving"))
    }

    @Test func shallowClonesGetAClearMessageAndSyncFetchesTheHistory() throws {
        let fx = try Fixture()
        for n in 1...3 { try fx.ok("new", "Incident \(n)") }
        let shallow = fx.tmp.path + "/shallow"
        try fx.sandbox.git(["clone", "-q", "--depth", "1", "--no-single-branch", "file://" + fx.repo, shallow], in: fx.tmp.path)
        try fx.sandbox.git(["branch", "-q", "postmortems", "origin/postmortems"], in: shallow)
        for cmd in [["verify"], ["log"]] {
            let r = try fx.sandbox.inquest(cmd, in: shallow)
            #expect(r.status == 3, "\(cmd): \(r.stderr)")
            #expect(r.stderr.contains("this is a shallow clone"))
            #expect(r.stderr.contains("git fetch --unshallow"))
            #expect(!r.stderr.contains("git_revwalk"))
        }
        let sync = try fx.sandbox.inquest(["sync"], in: shallow)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(!FileManager.default.fileExists(atPath: shallow + "/.git/shallow"))
        let verify = try fx.sandbox.inquest(["verify"], in: shallow)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.contains("4 commits"), "\(verify.stderr)")
    }

    @Test(.enabled(if: getuid() == 0, "chown to another user needs root"))
    func aRepositoryOfAnotherUserIsRefusedAsGitDoesUnlessSafeDirectory() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Owned by someone else")
        let r0 = try fx.sandbox.run("chown", ["-R", "12345:12345", fx.repo], cwd: fx.tmp.path)
        #expect(r0.status == 0)
        let refused = try fx.run(["list"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("dubious ownership"))
        #expect(refused.stderr.contains("git config --global --add safe.directory \(fx.repo)"))
        #expect(!refused.stderr.contains("not a git repository"))
        // git says the same.
        #expect(try fx.sandbox.run("git", ["status"], cwd: fx.repo).stderr.contains("dubious ownership"))
        // With the exception in the user's global configuration, both work.
        let home = fx.tmp.sub("home2")
        let env = ["HOME": home, "GIT_CONFIG_GLOBAL": home + "/.gitconfig"]
        try fx.sandbox.git(["config", "--global", "--add", "safe.directory", fx.repo], in: fx.tmp.path, env: env)
        let listed = try fx.run(["list"], env: env)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(id))
    }

    @Test func writesGoOnlyToInquestBranches() throws {
        let fx = try Fixture()
        try fx.git("branch", "release")
        let before = try fx.git("rev-parse", "release").trimmed
        for args in [["--branch", "release", "new", "x"], ["new", "x", "--branch", "release"]] {
            let r = try fx.run(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("'release' branch is not an Inquest branch"))
            #expect(r.stdout.isEmpty)
        }
        #expect(try fx.git("rev-parse", "release").trimmed == before)
        #expect(try fx.git("ls-tree", "-r", "--name-only", "release").lines.allSatisfy { !$0.hasPrefix("incidents/") })
    }
}
