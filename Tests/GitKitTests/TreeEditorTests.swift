import Foundation
import GitKit
import Testing
import TestSupport

@Suite struct TreeEditorTests {
    let tmp = TempDir()
    var sandbox: Sandbox { Sandbox(home: tmp.sub("home")) }

    func repo() throws -> (Repository, String) {
        let path = tmp.sub("repo")
        try sandbox.makeRepository(path, commit: false)
        return (try Repository.open(at: path), path)
    }

    @Test func nestedInsertReplaceRemove() throws {
        let (repo, path) = try repo()
        let a = try repo.writeBlob(Data("a\n".utf8))
        let b = try repo.writeBlob(Data("b\n".utf8))
        var e1 = TreeEditor(repository: repo, base: nil)
        e1.set("x/y/a.md", blob: a)
        e1.set("x/z/b.md", blob: b)
        e1.set("top.md", blob: a)
        let t1 = try e1.write()
        #expect(try repo.treeEntry(at: "x/y/a.md", in: t1)?.id == a)
        #expect(try repo.walkBlobs(t1).map(\.path).sorted() == ["top.md", "x/y/a.md", "x/z/b.md"])

        // Replace one file: the untouched sibling subtree keeps its id.
        let zBefore = try repo.treeEntry(at: "x/z", in: t1)?.id
        var e2 = TreeEditor(repository: repo, base: t1)
        e2.set("x/y/a.md", blob: b)
        let t2 = try e2.write()
        #expect(try repo.treeEntry(at: "x/y/a.md", in: t2)?.id == b)
        #expect(try repo.treeEntry(at: "x/z", in: t2)?.id == zBefore)

        // Removing the last file of a folder removes the folder.
        var e3 = TreeEditor(repository: repo, base: t2)
        e3.remove("x/y/a.md")
        let t3 = try e3.write()
        #expect(try repo.treeEntry(at: "x/y", in: t3) == nil)
        #expect(try repo.treeEntry(at: "x/z/b.md", in: t3)?.id == b)

        // Removing a path that does not exist changes nothing.
        var e4 = TreeEditor(repository: repo, base: t3)
        e4.remove("nope/none.md")
        #expect(try e4.write() == t3)

        // git itself agrees the objects are well formed.
        let sig = Signature(name: "A", email: "a@example.com", time: 1_700_000_000)
        let c = try repo.createCommit(tree: t3, parents: [], message: "m\n", author: sig, committer: sig)
        try repo.updateReference("refs/heads/data", to: c, expecting: nil, message: "test")
        try sandbox.git(["fsck", "--strict", "--no-dangling"], in: path)
        let listing = try sandbox.git(["ls-tree", "-r", "--name-only", "data"], in: path)
        #expect(listing == "top.md\nx/z/b.md\n")
    }

    @Test func emptyTreeIsGitsEmptyTree() throws {
        let (repo, _) = try repo()
        #expect(try repo.emptyTree().hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    }
}
