import Foundation
import GitKit
import Testing
import TestSupport

@Suite struct RepositoryTests {
    let tmp = TempDir()
    var sandbox: Sandbox { Sandbox(home: tmp.sub("home")) }

    @Test func opensFromSubfolderAndBare() throws {
        let path = tmp.sub("repo")
        try sandbox.makeRepository(path)
        let sub = tmp.sub("repo/deep/er")
        let repo = try Repository.open(at: sub)
        #expect(repo.workingDirectory == path)
        #expect(!repo.isBare)

        let bare = tmp.path + "/bare.git"
        try sandbox.git(["init", "-q", "--bare", bare], in: tmp.path)
        let b = try Repository.open(at: bare)
        #expect(b.isBare)
        #expect(b.workingDirectory == nil)
    }

    @Test func notARepositoryIsOneClearSentence() throws {
        let outside = tmp.sub("nothing-here")
        #expect {
            _ = try Repository.open(at: outside)
        } throws: { error in
            String(describing: error).contains("not a git repository")
        }
    }

    @Test func unsupportedExtensionIsNamed() throws {
        let path = tmp.sub("wtc")
        try sandbox.makeRepository(path)
        try sandbox.git(["config", "core.repositoryformatversion", "1"], in: path)
        try sandbox.git(["config", "extensions.worktreeConfig", "true"], in: path)
        #expect {
            _ = try Repository.open(at: path)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("worktreeConfig") && text.contains("libgit2 1.5 cannot open")
        }
    }

    @Test func compareAndSwapRefusesAStaleExpectation() throws {
        let path = tmp.sub("cas")
        try sandbox.makeRepository(path, commit: false)
        let repo = try Repository.open(at: path)
        let sig = Signature(name: "A", email: "a@example.com", time: 1_700_000_000)
        let tree = try repo.emptyTree()
        let c1 = try repo.createCommit(tree: tree, parents: [], message: "one\n", author: sig, committer: sig)
        let c2 = try repo.createCommit(tree: tree, parents: [c1], message: "two\n", author: sig, committer: sig)
        let c3 = try repo.createCommit(tree: tree, parents: [c1], message: "three\n", author: sig, committer: sig)
        try repo.updateReference("refs/heads/x", to: c1, expecting: nil, message: "t")
        // Creating it again "from nothing" must fail: someone else made it.
        #expect(throws: GitError.self) { try repo.updateReference("refs/heads/x", to: c2, expecting: nil, message: "t") }
        try repo.updateReference("refs/heads/x", to: c2, expecting: c1, message: "t")
        // c3 was prepared against c1, but the branch moved to c2: the swap is refused.
        do {
            try repo.updateReference("refs/heads/x", to: c3, expecting: c1, message: "t")
            Issue.record("stale compare-and-swap succeeded")
        } catch let e as GitError {
            #expect(e.isModified)
        }
        #expect(try repo.referenceTarget("refs/heads/x") == c2)
        #expect(try repo.walk(from: [c2]) == [c2, c1])
        #expect(try repo.mergeBase(c2, c3) == c1)
    }

    @Test func commitsCarryIdentityAndDiffsListPaths() throws {
        let path = tmp.sub("id")
        try sandbox.makeRepository(path, commit: false)
        try sandbox.git(["config", "user.name", "Config Name"], in: path)
        try sandbox.git(["config", "user.email", "config@example.com"], in: path)
        let repo = try Repository.open(at: path)
        let env = ["GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_DATE": "@1700000000 +0200"]
        let author = try Signature.identity(.author, config: try repo.config(), environment: env)
        let committer = try Signature.identity(.committer, config: try repo.config(), environment: env)
        #expect(author.name == "Env Author")
        #expect(author.email == "config@example.com")
        #expect(author.time == 1_700_000_000 && author.offsetMinutes == 120)
        #expect(committer.name == "Config Name")

        var e = TreeEditor(repository: repo, base: nil)
        e.set("a/one.md", blob: try repo.writeBlob(Data("1".utf8)))
        e.set("a/two.md", blob: try repo.writeBlob(Data("2".utf8)))
        let t1 = try e.write()
        var e2 = TreeEditor(repository: repo, base: t1)
        e2.remove("a/one.md")
        e2.set("a/two.md", blob: try repo.writeBlob(Data("22".utf8)))
        e2.set("b.md", blob: try repo.writeBlob(Data("b".utf8)))
        let t2 = try e2.write()
        let changes = try repo.diffTrees(t1, t2).map { "\($0.status) \($0.path)" }.sorted()
        #expect(changes == ["added b.md", "deleted a/one.md", "modified a/two.md"])

        let c = try repo.createCommit(tree: t2, parents: [], message: "x\n", author: author, committer: committer)
        try repo.updateReference("refs/heads/main", to: c, expecting: nil, message: "t")
        let shown = try sandbox.git(["log", "-1", "--format=%an <%ae> %at %ai|%cn", "main"], in: path)
        #expect(shown == "Env Author <config@example.com> 1700000000 2023-11-15 00:13:20 +0200|Config Name\n")
    }
}
