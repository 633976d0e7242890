import Foundation
import Testing
@testable import InquestCore

/// The record merge of DESIGN section 6, one record at a time.
@Suite struct RecordMergeTests {
    static let incidentID = RecordID(exactly: "INC-0123456789")!
    static let path = "incidents/2026-11/INC-0123456789/incident.md"
    static let fuPath = "incidents/2026-11/INC-0123456789/followups/FU-ABCDEFGHJK.md"
    static let c1 = String(repeating: "1", count: 40), c2 = String(repeating: "2", count: 40)

    func incident(_ edit: (inout Incident) -> Void = { _ in }) -> Data {
        var i = Incident(id: Self.incidentID, title: "Stolen laptop", severity: .sev3,
                         created: Timestamp(seconds: 1_795_000_000))
        i.tags = ["a", "b"]
        i.sections.set("summary", "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.")
        edit(&i)
        return i.serialized()
    }

    func followUp(_ edit: (inout FollowUp) -> Void = { _ in }) -> Data {
        var f = FollowUp(id: RecordID(exactly: "FU-ABCDEFGHJK")!, incident: Self.incidentID, kind: .bug, title: "Encrypt disks")
        f.owner = "bob"
        edit(&f)
        return f.serialized()
    }

    /// Merges both ways round and checks the bytes agree: clones must converge.
    func merge(_ path: String, _ base: Data?, _ ours: Data?, _ theirs: Data?,
               sourceLocation: SourceLocation = #_sourceLocation) -> FileMergeResult {
        let one = FileMerge.merge(path: path, base: base, ours: ours, theirs: theirs,
                                  commits: MergeCommits(ours: Self.c1, theirs: Self.c2))
        let two = FileMerge.merge(path: path, base: base, ours: theirs, theirs: ours,
                                  commits: MergeCommits(ours: Self.c2, theirs: Self.c1))
        #expect(one.data == two.data, "merging in the other order gave other bytes", sourceLocation: sourceLocation)
        if let data = one.data {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), sourceLocation: sourceLocation)
        }
        return one
    }

    func read(_ data: Data?) throws -> Incident { try Incident(data: try #require(data), path: Self.path) }

    @Test func differentFieldsMergeAndListsMergeAsSets() throws {
        let base = incident()
        let ours = incident { $0.owner = "alice"; $0.tags = ["b", "c"] }
        let theirs = incident { $0.severity = .sev1; $0.tags = ["a", "b", "d"]; $0.customerImpact = true }
        let r = merge(Self.path, base, ours, theirs)
        #expect(r.conflicts.isEmpty && r.notes.isEmpty && r.merged)
        let m = try read(r.data)
        #expect(m.owner == "alice")
        #expect(m.severity == .sev1)
        #expect(m.customerImpact)
        // `a` was removed by ours; `c` and `d` were added, and both additions survive.
        #expect(m.tags == ["b", "c", "d"])
        #expect(m.conflicts.isEmpty)
    }

    @Test func twoChangesToOneFieldBecomeAConflictInTheRecord() throws {
        let base = incident()
        let r = merge(Self.path, base, incident { $0.severity = .sev2 }, incident { $0.severity = .sev1 })
        let m = try read(r.data)
        // Canonical order: the smaller value is listed as ours, whoever merged.
        #expect(m.conflicts == [FieldConflict(field: "severity", base: "sev3", ours: "sev1", theirs: "sev2",
                                              oursCommit: Self.c2, theirsCommit: Self.c1)])
        #expect(r.conflicts == m.conflicts)
        #expect(m.severity == .sev1)
        #expect(String(decoding: r.data!, as: UTF8.self).contains("conflicts:\n  - {field: severity, base: sev3, ours: sev1, theirs: sev2"))
    }

    @Test func sectionsMergeLineByLineAndConflictWithoutMarkers() throws {
        let base = incident()
        let clean = merge(Self.path, base,
                          incident { $0.sections.set("summary", "First paragraph, edited.\n\nSecond paragraph.\n\nThird paragraph.") },
                          incident { $0.sections.set("summary", "First paragraph.\n\nSecond paragraph.\n\nThird paragraph, edited.")
                                     $0.sections.set("impact", "None.") })
        let m = try read(clean.data)
        #expect(m.sections["summary"] == "First paragraph, edited.\n\nSecond paragraph.\n\nThird paragraph, edited.")
        #expect(m.sections["impact"] == "None.")
        #expect(m.conflicts.isEmpty)

        let clash = merge(Self.path, base,
                          incident { $0.sections.set("summary", "First paragraph.\n\nSecond, by one.\n\nThird paragraph.") },
                          incident { $0.sections.set("summary", "First paragraph.\n\nSecond, by two.\n\nThird paragraph.") })
        let c = try read(clash.data)
        #expect(c.conflicts.map(\.field) == ["section:summary"])
        #expect(c.conflicts.first?.ours == "First paragraph.\n\nSecond, by one.\n\nThird paragraph.")
        #expect(c.conflicts.first?.theirs == "First paragraph.\n\nSecond, by two.\n\nThird paragraph.")
        #expect(c.sections["summary"] == "First paragraph.\n\nSecond, by one.\n\nThird paragraph.")
    }

    @Test func anEditBeatsAConcurrentDeleteAndIsFlagged() throws {
        let base = followUp()
        let edited = followUp { $0.owner = "carol" }
        let r = merge(Self.fuPath, base, nil, edited)
        let m = try FollowUp(data: try #require(r.data), path: Self.fuPath)
        #expect(m.owner == "carol")
        #expect(m.conflicts == [FieldConflict(field: "record", base: nil, ours: "deleted", theirs: "edited",
                                              oursCommit: Self.c1, theirsCommit: Self.c2)])
        // Deleted on one side and untouched on the other: gone, quietly.
        #expect(merge(Self.fuPath, base, nil, base).data == nil)
    }

    @Test func aVersionThatDoesNotParseIsKeptAsAConflict() throws {
        let base = incident()
        let ours = incident { $0.owner = "alice" }
        let broken = Data("---\nid: INC-0123456789\nseverity: [\n---\n".utf8)
        let r = merge(Self.path, base, ours, broken)
        let m = try read(r.data)
        #expect(m.owner == "alice")
        #expect(m.conflicts.count == 1)
        #expect(m.conflicts.first?.field == "file")
        #expect(m.conflicts.first?.ours == nil)
        #expect(m.conflicts.first?.theirs == String(decoding: broken, as: UTF8.self))
        #expect(r.notes.count == 1 && r.notes[0].contains("does not parse"))
    }

    @Test func aResolvedConflictStaysResolvedAndANewOneReplacesTheOld() throws {
        let old = FieldConflict(field: "severity", base: "sev3", ours: "sev1", theirs: "sev2", oursCommit: Self.c1, theirsCommit: Self.c2)
        let base = incident { $0.severity = .sev1; $0.conflicts = [old] }
        let resolved = incident { $0.severity = .sev2 }
        let other = incident { $0.severity = .sev1; $0.conflicts = [old]; $0.owner = "dana" }
        let m = try read(merge(Self.path, base, resolved, other).data)
        #expect(m.conflicts.isEmpty)
        #expect(m.severity == .sev2 && m.owner == "dana")

        let again = try read(merge(Self.path, base,
                                   incident { $0.severity = .sev4; $0.conflicts = [old] },
                                   incident { $0.severity = .sev2; $0.conflicts = [old] }).data)
        #expect(again.conflicts.map { [$0.base, $0.ours, $0.theirs] } == [["sev1", "sev2", "sev4"]])
    }

    @Test func oneDisputeRecordedWithAndWithoutCommitsIsKeptOnce() throws {
        let withCommits = FieldConflict(field: "owner", base: nil, ours: "a", theirs: "b", oursCommit: Self.c1, theirsCommit: Self.c2)
        let without = FieldConflict(field: "owner", base: nil, ours: "a", theirs: "b")
        let base = incident()
        let m = try read(merge(Self.path, base, incident { $0.owner = "a"; $0.conflicts = [withCommits] },
                               incident { $0.owner = "a"; $0.conflicts = [without]; $0.title = "New title" }).data)
        #expect(m.conflicts == [withCommits])
        #expect(m.title == "New title")
    }
}
