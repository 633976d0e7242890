import Foundation
import GitKit
import Testing
import TestSupport
@testable import InquestCore

/// Whole-branch merges in a real repository: record pairing by ID, unrelated histories,
/// files that are not records.
@Suite struct TreeMergeTests {
    let tmp = TempDir()
    let env: [String: String]
    let repo: Repository
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        env = Sandbox(home: tmp.sub("home")).environment
        repo = try Repository.initialize(at: tmp.path + "/repo.git", bare: true)
    }

    func postmortems(_ branch: String) -> Postmortems {
        Postmortems(store: Store(repository: repo, branch: branch, environment: env), now: now)
    }

    /// A second branch starting where `from` is now.
    func fork(_ from: Postmortems, _ name: String) throws -> Postmortems {
        try repo.updateReference("refs/heads/\(name)", to: try from.store.tip!, expecting: nil, message: "fork")
        return postmortems(name)
    }

    func files(_ tree: OID) throws -> [String: String] {
        var out: [String: String] = [:]
        for (path, entry) in try repo.walkBlobs(tree) { out[path] = String(decoding: try repo.readBlob(entry.id), as: UTF8.self) }
        return out
    }

    @Test func historiesWithNoCommonAncestorMerge() throws {
        let a = postmortems("a"), b = postmortems("b")
        _ = try a.initialize()
        _ = try b.initialize()
        let ia = try a.create(.init(title: "From A"))
        let ib = try b.create(.init(title: "From B"))
        let r = try a.store.merge(ours: try a.store.tip!, theirs: try b.store.tip!)
        #expect(r.notes.isEmpty && r.conflicts.isEmpty)
        let merged = try files(r.tree)
        #expect(merged.keys.contains { $0.contains(ia.description) })
        #expect(merged.keys.contains { $0.contains(ib.description) })
        #expect(merged[".inquest/version"] == "1\n")
        #expect(r.changedRecords == [ib])
    }

    @Test func filesThatAreNotRecordsMergeAsTextOrKeepOurs() throws {
        let a = postmortems("a")
        _ = try a.initialize()
        let b = try fork(a, "b")
        let readme = String(decoding: try a.snapshot().data(at: "README.md")!, as: UTF8.self)
        func put(_ pm: Postmortems, _ text: String) throws {
            try pm.store.write(try pm.writer()) { _, c in c.put("README.md", Data(text.utf8)); return "readme" }
        }
        try put(a, readme.replacingOccurrences(of: "# Postmortems", with: "# Our postmortems"))
        try put(b, readme + "\nAdded at the end.\n")
        let clean = try files(try a.store.merge(ours: try a.store.tip!, theirs: try b.store.tip!).tree)
        #expect(clean["README.md"]!.hasPrefix("# Our postmortems"))
        #expect(clean["README.md"]!.hasSuffix("Added at the end.\n"))

        try put(b, readme.replacingOccurrences(of: "# Postmortems", with: "# Their postmortems"))
        let r = try a.store.merge(ours: try a.store.tip!, theirs: try b.store.tip!)
        let kept = try files(r.tree)
        #expect(kept["README.md"]!.hasPrefix("# Our postmortems"))
        #expect(!kept["README.md"]!.contains("<<<<<<<"))
        #expect(r.notes.count == 1 && r.notes[0].hasPrefix("README.md: both sides changed the same lines"))
    }

    @Test func aMovedTimelineEventIsPairedByIDNotByPath() throws {
        let a = postmortems("a")
        _ = try a.initialize()
        let id = try a.create(.init(title: "Incident"))
        let ev = try a.addEvent(id.description, at: Timestamp(seconds: 1_795_000_000), kind: .action,
                                text: "Original text", evidence: [])
        let b = try fork(a, "b")
        // Ours moves it (its time is in the file name); theirs edits its text.
        try a.set(ev.description, [Assignment(field: "at", operation: .set, value: "2026-11-20T10:00Z")])
        try b.set(ev.description, [Assignment(field: "text", operation: .set, value: "Better text")])
        let r = try a.store.merge(ours: try a.store.tip!, theirs: try b.store.tip!)
        let events = try files(r.tree).filter { $0.key.contains("/timeline/") }
        #expect(events.count == 1)
        let (path, text) = try #require(events.first)
        #expect(path.hasSuffix("/20261120T100000Z-\(ev).md"))
        #expect(text.contains("Better text") && text.contains("at: 2026-11-20T10:00:00Z"))
        #expect(r.conflicts.isEmpty)
    }

    @Test func mergingInEitherOrderGivesTheSameTree() throws {
        let a = postmortems("a")
        _ = try a.initialize()
        let id = try a.create(.init(title: "Incident"))
        let b = try fork(a, "b")
        try a.set(id.description, [Assignment(field: "severity", operation: .set, value: "sev1"),
                                   Assignment(field: "tags", operation: .add, value: "x")])
        _ = try a.addFinding(id.description, category: .manualError, title: "Typo", evidence: [])
        try b.set(id.description, [Assignment(field: "severity", operation: .set, value: "sev2"),
                                   Assignment(field: "tags", operation: .add, value: "y"),
                                   Assignment(field: "summary", operation: .set, value: "Written on b.")])
        let ab = try a.store.merge(ours: try a.store.tip!, theirs: try b.store.tip!)
        let ba = try b.store.merge(ours: try b.store.tip!, theirs: try a.store.tip!)
        #expect(ab.tree == ba.tree)
        #expect(ab.conflicts.map(\.conflict.field) == ["severity"])
    }

    /// What sync writes for a merge goes into one pack: no loose object per record.
    @Test func theSyncMergeIsWrittenAsOnePack() throws {
        let a = postmortems("a")
        _ = try a.initialize()
        let ids = try (0..<25).map { try a.create(.init(title: "Incident \($0)")) }
        let b = try fork(a, "b")
        for id in ids {
            try a.set(id.description, [Assignment(field: "owner", operation: .set, value: "alice")])
            try b.set(id.description, [Assignment(field: "summary", operation: .set, value: "Seen by b.")])
        }
        func loose() -> Int {
            (0..<256).reduce(0) { n, i in
                n + ((try? FileManager.default.contentsOfDirectory(atPath: repo.commonDirectory + "/objects/" + String(format: "%02x", i)).count) ?? 0)
            }
        }
        let sandbox = Sandbox(home: tmp.sub("home"))
        try sandbox.git(["--git-dir", repo.commonDirectory, "gc", "-q"], in: tmp.path)
        let (commit, result) = try a.store.mergeCommit(try Writer.decide(for: a.store, choice: false), ours: try a.store.tip!, theirs: try b.store.tip!, subject: "sync: merge b")
        #expect(loose() == 0)
        #expect(result.changedRecords.count == 25)
        // This handle reads what the other one packed.
        let info = try repo.commit(commit)
        #expect(info.tree == result.tree && info.parents.count == 2)
        #expect(try files(info.tree).values.filter { $0.contains("owner: alice") && $0.contains("Seen by b.") }.count == 25)
        try sandbox.git(["--git-dir", repo.commonDirectory, "fsck", "--strict", "--no-dangling", commit.hex], in: tmp.path)
    }
}
