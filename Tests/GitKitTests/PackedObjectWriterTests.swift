import Foundation
import GitKit
import Testing
import TestSupport

/// Bulk writes land in packs git itself reads and verifies, with no loose objects.
@Suite struct PackedObjectWriterTests {
    let tmp = TempDir()
    var sandbox: Sandbox { Sandbox(home: tmp.sub("home")) }

    @Test func blobsAndTreesGoToPacksGitVerifies() throws {
        let path = tmp.sub("repo")
        try sandbox.makeRepository(path, commit: false)
        let repo = try Repository.open(at: path)
        // Small flushes, so several packs are written; one blob is given twice.
        let texts = (0..<500).map { "record \($0)\n" + String(repeating: "x", count: $0) } + ["record 7\n" + String(repeating: "x", count: 7)]
        let blobs = try repo.withPackedObjects(flushBytes: 4096) { w in
            try texts.map { try w.writeBlob(Data($0.utf8)) }
        }
        let first = try repo.withPackedObjects { w in
            var e = TreeEditor(repository: w.repository, base: nil)
            for (n, id) in blobs.enumerated() { e.set("d\(n % 7)/f\(n).md", blob: id) }
            let tree = try e.write()
            try w.addTrees(tree, base: nil)
            return tree
        }
        // A second tree on top of the first adds only the trees that changed: the root and d3.
        let packDir = path + "/.git/objects/pack"
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: packDir))
        let second = try repo.withPackedObjects { w in
            var e = TreeEditor(repository: w.repository, base: first)
            e.set("d3/new.md", blob: blobs[0])
            let tree = try e.write()
            try w.addTrees(tree, base: first)
            return tree
        }
        let newIdx = try #require(Set(try FileManager.default.contentsOfDirectory(atPath: packDir)).subtracting(before).first { $0.hasSuffix(".idx") })
        let listed = try sandbox.git(["verify-pack", "-v", packDir + "/" + newIdx], in: path)
        #expect(listed.split(separator: "\n").filter { $0.contains(" tree ") }.count == 2, "\(listed)")
        for (n, text) in texts.prefix(500).enumerated() {
            #expect(try sandbox.git(["cat-file", "blob", blobs[n].hex], in: path) == text)
            #expect(try repo.readBlob(blobs[n]) == Data(text.utf8))
        }
        #expect(try sandbox.git(["ls-tree", "-r", "--name-only", second.hex], in: path).split(separator: "\n").count == 502)
        let counts = try sandbox.git(["count-objects", "-v"], in: path)
        #expect(counts.contains("count: 0\n"))
        #expect(try Int(#require(counts.split(separator: "\n").first { $0.hasPrefix("packs: ") }).dropFirst(7))! > 3)
        for pack in try FileManager.default.contentsOfDirectory(atPath: path + "/.git/objects/pack") where pack.hasSuffix(".idx") {
            _ = try sandbox.git(["verify-pack", path + "/.git/objects/pack/" + pack], in: path)
        }
        let commit = try sandbox.git(["commit-tree", "-m", "x", second.hex], in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try sandbox.git(["update-ref", "refs/heads/main", commit], in: path)
        _ = try sandbox.git(["fsck", "--strict", "--no-dangling"], in: path)
    }
}
