import Foundation
import GitKit
import Testing
import TestSupport
@testable import InquestCore

/// The sign-off gate's origin scan steps down only into subtrees that differ
/// (`Repository.differingEntries`); it must find exactly the `incident.md` changes a full
/// tree diff finds, whatever the change: edits, additions, deletions, mode and type changes.
@Suite struct OriginScanTests {
    @Test func theScanFindsWhatAFullDiffFinds() throws {
        let tmp = TempDir()
        let sandbox = Sandbox(home: tmp.sub("home"))
        let dir = tmp.sub("repo")
        try sandbox.makeRepository(dir)
        func sh(_ script: String) throws {
            _ = try sandbox.run("/bin/sh", ["-c", script], cwd: dir)
            _ = try sandbox.git(["add", "-A"], in: dir)
            _ = try sandbox.git(["commit", "-q", "--allow-empty", "-m", "step"], in: dir)
        }
        let month = "incidents/2026-10"
        try sh("mkdir -p \(month)/INC-A \(month)/INC-B/timeline other && echo a > \(month)/INC-A/incident.md && echo b > \(month)/INC-B/incident.md && echo t > \(month)/INC-B/timeline/1.md && echo x > other/x")
        try sh("echo a2 > \(month)/INC-A/incident.md && mkdir \(month)/INC-C && echo c > \(month)/INC-C/incident.md && echo t2 > \(month)/INC-B/timeline/1.md")
        try sh("rm -r \(month)/INC-B && chmod +x \(month)/INC-C/incident.md && echo y > other/x")
        try sh("rm \(month)/INC-A/incident.md && mkdir \(month)/INC-A/incident.md && echo f > \(month)/INC-A/incident.md/foo && echo top > incidents/incident.md")
        try sh("rm -r incidents && echo file > incidents")
        try sh("rm incidents && mkdir -p incidents/2026-11/INC-D && echo d > incidents/2026-11/INC-D/incident.md")
        let repo = try Repository.open(at: dir)
        let trees: [OID?] = [nil] + (try repo.walk(from: [try repo.resolveCommit("HEAD")]).reversed().map { try repo.commit($0).tree })
        #expect(trees.count == 8)
        var compared = 0
        let pairs = Array(zip(trees, trees.dropFirst())) + Array(zip(trees.dropFirst(), trees))
        for (a, b) in pairs {
            guard let b else { continue }
            let full = Set(try repo.diffTrees(a, b).map(\.path)
                .filter { $0.hasPrefix(Layout.incidentsRoot + "/") && $0.hasSuffix("/" + Layout.incidentFile) })
            #expect(try OriginIndex.changedIncidentFiles(repo, a, b) == full, "\(a?.short ?? "empty") -> \(b.short)")
            if !full.isEmpty { compared += 1 }
        }
        #expect(compared >= 8)
    }
}
