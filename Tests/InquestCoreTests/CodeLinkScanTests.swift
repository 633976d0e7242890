import Foundation
import GitKit
import Testing
import TestSupport
import InquestCore

/// The trailer reader and the incremental scan of the code refs, on real repositories.
@Suite struct CodeLinkScanTests {
    @Test func trailersAreReadWhereverAMessageKeepsThem() {
        let squashed = """
            Squashed commit of the following:

            commit 0123456789abcdef0123456789abcdef01234567
            Author: A <a@example.com>

                Part two

                Fixes-Follow-up: FU-ABCD1234
                follow-up: fu-wxyz, FU-QQQQ

            # Follow-up: FU-COMMENTED
            """
        let t = CodeTrailers(message: squashed)
        #expect(t.trailers == [.init(kind: .fixes, target: "FU-ABCD1234"), .init(kind: .mentions, target: "fu-wxyz"),
                               .init(kind: .mentions, target: "FU-QQQQ")])
        let revert = CodeTrailers(message: "Revert \"x\"\n\nThis reverts commit 0123456789ABCDEF0123456789abcdef01234567.\n")
        #expect(revert.reverts == ["0123456789abcdef0123456789abcdef01234567"])
        #expect(CodeTrailers(message: "This reverts commit 0123.\nFollow-ups: FU-ABCD\nNot-Follow-up FU-X").isEmpty)
        // The byte pre-filter never skips a message the reader would find something in.
        for m in [squashed, "Revert\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.", "FIXES-FOLLOW-UP: FU-ABCD"] {
            let hit = Array(m.utf8).withUnsafeBytes { CodeTrailers.mightContain($0) }
            #expect(hit)
        }
        #expect(!Array("Plain message\n\nNothing here.".utf8).withUnsafeBytes { CodeTrailers.mightContain($0) })
    }

    struct Code {
        let tmp = TempDir()
        let sandbox: Sandbox
        let path: String
        init() throws {
            sandbox = Sandbox(home: tmp.sub("home"))
            path = tmp.sub("repo")
            try sandbox.makeRepository(path)
        }
        @discardableResult
        func git(_ args: String...) throws -> String { try sandbox.git(args, in: path).trimmingCharacters(in: .whitespacesAndNewlines) }
        @discardableResult
        func commit(_ message: String) throws -> String {
            try git("commit", "-q", "--allow-empty", "-m", message)
            return try git("rev-parse", "HEAD")
        }
        func scan(useCache: Bool = true) throws -> CodeHistory {
            try CodeHistory(repository: try Repository.open(at: path), dataBranch: "postmortems", useCache: useCache)
        }
    }

    @Test func secondScanWalksOnlyNewCommitsAndAForcePushIsNotServedStale() throws {
        let c = try Code()
        for n in 0..<20 { try c.commit("c\(n)") }
        let fixed = try c.commit("fix\n\nFixes-Follow-up: FU-AAAA")
        var h = try c.scan()
        #expect(h.stats.walked == 22)
        #expect(h.stats.fullScans == ["refs/heads/main"])
        #expect(try h.isOnMain(fixed))

        // Nothing new: nothing walked, the same answer.
        h = try c.scan()
        #expect(h.stats.walked == 0)
        #expect(h.commits[fixed]?.trailers.first?.target == "FU-AAAA")

        // Three new commits: three walked.
        for n in 0..<2 { try c.commit("d\(n)") }
        let second = try c.commit("fix again\n\nFollow-up: FU-BBBB")
        h = try c.scan()
        #expect(h.stats.walked == 3)
        #expect(h.stats.fullScans.isEmpty)
        #expect(Set(h.commits.keys) == [fixed, second])

        // main rewritten without both fixes: detected, walked again, the dropped commits gone.
        try c.git("reset", "-q", "--hard", "\(fixed)~1")
        try c.commit("other work")
        h = try c.scan()
        #expect(h.stats.rewritten == ["refs/heads/main"])
        #expect(h.commits.isEmpty)
        #expect(try !h.isOnMain(fixed))

        // A damaged cache is rebuilt by a full scan.
        let cachePath = c.path + "/.git/inquest/code-links"
        var text = try String(contentsOfFile: cachePath, encoding: .utf8)
        text = text.replacingOccurrences(of: "\nref ", with: "\nref zz")
        try text.write(to: cachePath)
        h = try c.scan()
        #expect(h.stats.fullScans == ["refs/heads/main"])
        #expect(h.stats.walked == 22)
    }

    @Test func revertsOfRevertsAndFirstReleaseTag() throws {
        let c = try Code()
        try c.git("tag", "v0.1")
        let fix = try c.commit("fix\n\nFixes-Follow-up: FU-AAAA")
        try c.git("tag", "v0.2")
        try c.git("tag", "v0.3")
        try c.git("tag", "other-1")
        let revert = try c.commit("Revert \"fix\"\n\nThis reverts commit \(fix).")
        var h = try c.scan()
        #expect(h.revert(of: fix) == revert)
        #expect(try h.release(of: fix) == "v0.2")
        // Reverting the revert brings the fix back.
        try c.commit("Reapply \"fix\"\n\nThis reverts commit \(revert).")
        h = try c.scan()
        #expect(h.revert(of: fix) == nil)
        // The pattern is configurable.
        try c.git("config", "inquest.releaseTags", "other-*")
        #expect(try c.scan().release(of: fix) == "other-1")
    }
}
