import Foundation
import GitKit
import Testing
import TestSupport

/// `withPackedWrites` opens a second repository handle and works through a revwalk, a
/// packbuilder and a pack writer on it. If the handle were released while they were in use
/// (Swift may release a local right after its last use under optimisation), libgit2 would
/// read freed memory. This stresses it; it matters most in the release run of CI
/// (`swift test -c release`) and under AddressSanitizer (`scripts/sanitize address`).
@Suite struct PackedWritesTests {
    let tmp = TempDir()
    var sandbox: Sandbox { Sandbox(home: tmp.sub("home")) }

    @Test func manyPackedCommitsStayWholeAndPacked() throws {
        let path = tmp.sub("packed")
        try sandbox.makeRepository(path, commit: false)
        let sig = Signature(name: "A", email: "a@example.com", time: 1_700_000_000)
        var tip: OID?
        let rounds = 60, blobsPerRound = 25
        for round in 0..<rounds {
            // A fresh handle each round, dropped at once: only the handles' own references
            // keep the second repository alive inside withPackedWrites.
            let commit = try Repository.open(at: path).withPackedWrites { repo in
                var editor = TreeEditor(repository: repo, base: try tip.map { try repo.commit($0).tree })
                for i in 0..<blobsPerRound {
                    let blob = try repo.writeBlob(Data("round \(round) file \(i)\n".utf8))
                    editor.set("r\(round % 7)/f\(i).txt", blob: blob)
                }
                // Churn the allocator so a freed handle would be reused and noticed.
                _ = (0..<200).map { [UInt8](repeating: UInt8($0 & 0xff), count: 64 + $0) }
                return try repo.createCommit(tree: try editor.write(), parents: tip.map { [$0] } ?? [],
                                             message: "round \(round)\n", author: sig, committer: sig)
            }
            let repo = try Repository.open(at: path)
            try repo.updateReference("refs/heads/main", to: commit, expecting: tip, message: "round")
            tip = commit
            // Visible through a new handle at once.
            #expect(try repo.commit(commit).message == "round \(round)\n")
        }
        // git itself is the judge: every object present and well formed, and all of it packed.
        _ = try sandbox.git(["fsck", "--strict", "--no-dangling"], in: path)
        #expect(try sandbox.git(["rev-list", "--count", "main"], in: path).trimmingCharacters(in: .whitespacesAndNewlines) == "\(rounds)")
        #expect(try sandbox.git(["show", "main:r\((rounds - 1) % 7)/f3.txt"], in: path) == "round \(rounds - 1) file 3\n")
        let counts = try sandbox.git(["count-objects", "-v"], in: path).split(separator: "\n")
        #expect(counts.contains("count: 0"), "objects were written loose: \(counts)")
        #expect(counts.contains("packs: \(rounds)"), "\(counts)")
    }
}
