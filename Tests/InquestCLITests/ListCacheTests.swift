import Foundation
import Testing
import TestSupport

/// `list` keeps incident summaries in `<git dir>/inquest/summaries.json`, keyed by the blob
/// id of each incident.md: it must never show anything but what the branch holds.
@Suite struct ListCacheTests {
    @Test func cachedListingFollowsEveryChange() throws {
        let fx = try Fixture()
        let a = try fx.ok("new", "Alpha", "--severity", "sev2", "--owner", "ann")
        let b = try fx.ok("new", "Beta", "--tag", "x")
        let cold = try fx.ok("list", "--json")
        let cache = fx.repo + "/.git/inquest/summaries.json"
        #expect(FileManager.default.fileExists(atPath: cache))
        #expect(try fx.ok("list", "--json") == cold) // warm: the same bytes

        // A change through the CLI and one by hand with plain git both show at once.
        try fx.ok("set", a, "title=Alpha renamed", "owner=")
        try fx.editIncident(b) { $0.replacingOccurrences(of: "severity: sev3", with: "severity: sev1") }
        let after = try fx.ok("list", "--json")
        #expect(after.contains("\"title\": \"Alpha renamed\""))
        #expect(!after.contains("\"owner\": \"ann\""))
        #expect(after.contains("\"severity\": \"sev1\""))

        // Without the cache, the same answer; a corrupt cache is ignored and rebuilt.
        try FileManager.default.removeItem(atPath: cache)
        #expect(try fx.ok("list", "--json") == after)
        try "{not json".write(to: cache)
        #expect(try fx.ok("list", "--json") == after)
        #expect(try fx.ok("list", "--severity", "sev1").contains(b))

        // A cache entry that lies about a blob (hand-tampered) is still keyed by content:
        // the branch's records win once the content changes, and bad entries are re-parsed.
        var text = try String(contentsOfFile: cache, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"severity\":\"sev1\"", with: "\"severity\":\"sev9\"")
        try text.write(to: cache)
        #expect(try fx.ok("list", "--json") == after)
    }
}
