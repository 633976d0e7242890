import Foundation
import InquestCore
import Testing
import TestSupport

/// Conflicts a person can resolve: both sides in the editor between diff3 markers, or both
/// kept with --union.
@Suite struct ResolveByHandTests {
    /// Two clones write the summary differently; returns the cluster and the incident.
    func conflictOnSummary() throws -> (Cluster, String) {
        let c = try Cluster(clones: 2)
        let id = try c.ok(0, "new", "Leak")
        try c.ok(0, "set", id, "summary=Line one\nLine two")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "set", id, "summary=Line one\nLine two, from Ada")
        try c.ok(1, "set", id, "summary=Line one changed by Bob\nLine two")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        #expect(try c.conflicts(1).count == 1)
        return (c, id)
    }

    func editor(_ c: Cluster, writing text: String?) throws -> String {
        let path = c.tmp.path + "/editor-\(UUID().uuidString.prefix(6)).sh"
        let write = text.map { "printf '%s' '\($0)' > \"$1\"" } ?? ":"
        try "#!/bin/sh\ncp \"$1\" \(c.tmp.path)/seen.txt\n\(write)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func conflictsShowsLongValuesInFullAsLineDiffsAgainstTheBase() throws {
        let (c, id) = try conflictOnSummary()
        let text = try c.ok(1, "conflicts")
        #expect(text.contains("\(id) section:summary (\(id))\n  base:\n    | Line one\n    | Line two\n"), "\(text)")
        #expect(text.contains("    - Line one\n    + Line one changed by Bob\n      Line two"), "bob's side, against the base:\n\(text)")
        #expect(text.contains("      Line one\n    - Line two\n    + Line two, from Ada\n"), "ada's side, against the base:\n\(text)")
    }

    @Test func editOpensDiff3AndStoresWhatIsSaved() throws {
        let (c, id) = try conflictOnSummary()
        // Saving with the markers still in is refused, and nothing is written.
        let tip = try c.tip(1)
        let keep = try c.sandbox.inquest(["resolve", id, "summary", "--edit"], in: c.clones[1],
                                         env: c.env(1).merging(["GIT_EDITOR": try editor(c, writing: nil)]) { $1 })
        #expect(keep.status == 2 && keep.stderr.contains("still has a conflict marker"), "\(keep.stderr)")
        #expect(try c.tip(1) == tip)
        let seen = try String(contentsOfFile: c.tmp.path + "/seen.txt", encoding: .utf8)
        #expect(seen.hasPrefix("<<<<<<< ours"))
        #expect(seen.contains("||||||| base\nLine one\nLine two\n=======\n"), "the base, in full:\n\(seen)")
        #expect(seen.contains("Line one changed by Bob") && seen.contains("Line two, from Ada"))

        let merged = "Line one changed by Bob\nLine two, from Ada"
        let r = try c.sandbox.inquest(["resolve", id, "summary", "--edit"], in: c.clones[1],
                                      env: c.env(1).merging(["GIT_EDITOR": try editor(c, writing: merged)]) { $1 })
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try c.conflicts(1).isEmpty)
        #expect((try c.show(1, id)["sections"] as! [String: String])["summary"] == merged)
    }

    @Test func unionKeepsBothTextsAndRefusesASingleValue() throws {
        let (c, id) = try conflictOnSummary()
        try c.ok(1, "resolve", id, "summary", "--union")
        let summary = (try c.show(1, id)["sections"] as! [String: String])["summary"]!
        #expect(summary.contains("Line one changed by Bob\nLine two") && summary.contains("Line one\nLine two, from Ada"))
        #expect(try c.conflicts(1).isEmpty)

        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "set", id, "owner=ada")
        try c.ok(1, "set", id, "owner=bob")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        let tip = try c.tip(1)
        let r = try c.run(1, ["resolve", id, "owner", "--union"])
        #expect(r.status == 2 && r.stderr.contains("holds one value"), "\(r.stderr)")
        #expect(try c.tip(1) == tip)
    }

    @Test func unionOfListsKeepsEveryItemOnce() throws {
        let c = FieldConflict(field: "tags", base: "[a]", ours: "[a, b]", theirs: "[c, b]")
        #expect(try ConflictText.union(c, record: RecordID(exactly: "INC-AAAAAAAAAA")!) == "a,b,c")
    }
}
