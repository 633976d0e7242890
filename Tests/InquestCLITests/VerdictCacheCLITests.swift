import Foundation
import Testing
import TestSupport

/// `inquest verify` keeps verdicts in the git directory, and says the same whether it reads
/// them back, finds the file damaged, or has none.
@Suite struct VerdictCacheCLITests {
    @Test func verifySaysTheSameColdWarmAndAfterTheCacheIsDamaged() throws {
        let w = try SSHWorld()
        let fx = w.fx
        try w.ok(w.alice, "init")
        let id = try w.ok(w.alice, "new", "Cache check", "--severity", "sev3")
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "Bob Builder <bob@example.com>")
        try w.ok(w.bob, "set", id, "owner=bob")
        try w.ok(w.mallory, "set", id, "owner=mallory")
        try w.ok(w.alice, "set", id, "severity=sev4")
        // A commit altered after signing, at the tip.
        let tip = w.commits[0]
        let altered = try fx.git("cat-file", "commit", tip).replacingOccurrences(of: "set severity", with: "set nothing")
        try altered.write(to: fx.tmp.path + "/altered")
        let bad = try fx.git("hash-object", "-t", "commit", "-w", fx.tmp.path + "/altered").trimmed
        try fx.git("update-ref", "refs/heads/postmortems", bad, tip)

        let cache = fx.repo + "/.git/inquest/verdicts.v2"
        var stats = ""
        func verify() throws -> String {
            let r = try fx.sandbox.inquest(["verify", "--json"], in: fx.repo, env: ["INQUEST_STATS": "1"])
            #expect(r.status == 1, "\(r.stderr)")
            stats = r.stderr.components(separatedBy: "\n").first { $0.hasPrefix("inquest stats: ") } ?? ""
            return r.stdout
        }
        let total = try fx.git("rev-list", "--count", "postmortems").trimmed
        // The writes above already judged commits (trust add checks the key in force): start cold.
        try? FileManager.default.removeItem(atPath: cache)
        let cold = try verify()
        let report = try JSONSerialization.jsonObject(with: Data(cold.utf8)) as! [String: Any]
        let states = Set((report["commits"] as! [[String: Any]]).map { ($0["signature"] as! [String: Any])["state"] as! String })
        #expect(states == ["good", "bad", "untrusted"], "\(states)")
        let written = try String(contentsOfFile: cache, encoding: .utf8)
        #expect(written.hasPrefix("inquest-verdicts 2 "))
        // Cold: every commit read once, in one pass, and each one's tree for its trust roots.
        #expect(stats == "inquest stats: history passes 1, origin scans 0, commits read \(total), trust trees read \(total)")
        #expect(try verify() == cold)
        // Warm: the same reads of commits, and no tree (the cache knows each commit's trust subtree).
        #expect(stats == "inquest stats: history passes 1, origin scans 0, commits read \(total), trust trees read 0")

        // Forge the cache: the bad commit's verdict made good, without the checksum to match.
        let forged = written.components(separatedBy: "\n").map { line in
            line.hasPrefix(bad) ? line.replacingOccurrences(of: "\tbad\t", with: "\tgood\t") : line
        }.joined(separator: "\n")
        #expect(forged != written)
        try forged.write(to: cache)
        #expect(try verify() == cold)
        // Rebuilt whole: the file reads as written by a run again.
        let rebuilt = try String(contentsOfFile: cache, encoding: .utf8)
        let badVerdicts = rebuilt.components(separatedBy: "\n").filter { $0.hasPrefix(bad) && $0.split(separator: "\t", omittingEmptySubsequences: false).count == 11 }
        #expect(badVerdicts.allSatisfy { $0.contains("\tbad\t") })
        // Rebuilt means read again: every tree, as in the cold run.
        #expect(stats.hasSuffix("trust trees read \(total)"))
        #expect(rebuilt.components(separatedBy: "\n").last { $0.hasPrefix("sha256 ") } != nil)

        try "inquest-verdicts 2 0 0\nsha256 truncated".write(to: cache)
        #expect(try verify() == cold)
        try FileManager.default.removeItem(atPath: cache)
        #expect(try verify() == cold)
    }
}
