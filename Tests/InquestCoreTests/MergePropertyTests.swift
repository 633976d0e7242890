import Foundation
import Testing
import TestSupport
@testable import InquestCore

/// Random concurrent edits of one record, merged both ways round: the same bytes either
/// way, a record that parses, no markers, every addition kept, one-sided changes taken.
@Suite struct MergePropertyTests {
    static let path = "incidents/2026-11/INC-0123456789/incident.md"

    @Test func randomConcurrentEditsMergeTheSameEitherWay() throws {
        let seed = SeededRandom.seed()
        var rng = SeededRandom(seed: seed)
        for round in 0..<200 {
            var base = Incident(id: RecordID(exactly: "INC-0123456789")!, title: "Base", severity: .sev3,
                                created: Timestamp(seconds: 1_795_000_000))
            base.tags = Array(["t1", "t2", "t3", "t4"].shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng)))
            base.sections.set("summary", "P1 base.\n\nP2 base.\n\nP3 base.")
            var ours = base, theirs = base
            for _ in 0..<Int.random(in: 1...4, using: &rng) { Self.edit(&ours, by: "one", &rng) }
            for _ in 0..<Int.random(in: 1...4, using: &rng) { Self.edit(&theirs, by: "two", &rng) }
            let context = "seed \(seed) (replay with INQUEST_SEED=\(seed)), round \(round)"

            let b = base.serialized(), o = ours.serialized(), t = theirs.serialized()
            let one = FileMerge.merge(path: Self.path, base: b, ours: o, theirs: t,
                                      commits: MergeCommits(ours: "o", theirs: "t"))
            let two = FileMerge.merge(path: Self.path, base: b, ours: t, theirs: o,
                                      commits: MergeCommits(ours: "t", theirs: "o"))
            #expect(one.data == two.data, "\(context): order changed the result")
            let data = try #require(one.data, "\(context)")
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<<<<<<<"), "\(context)")
            let merged = try Incident(data: data, path: Self.path)

            for tag in Set(ours.tags + theirs.tags).subtracting(base.tags) {
                #expect(merged.tags.contains(tag), "\(context): added tag \(tag) lost")
            }
            for tag in base.tags where !ours.tags.contains(tag) || !theirs.tags.contains(tag) {
                #expect(!merged.tags.contains(tag), "\(context): removed tag \(tag) came back")
            }
            if ours.severity == base.severity { #expect(merged.severity == theirs.severity, "\(context)") }
            if theirs.owner == base.owner { #expect(merged.owner == ours.owner, "\(context)") }
            let fields = Set(merged.conflicts.map(\.field))
            if ours.status != theirs.status && ours.status != base.status && theirs.status != base.status {
                #expect(fields.contains("status"), "\(context)")
            } else {
                #expect(!fields.contains("status"), "\(context)")
            }
        }
    }

    static func edit(_ i: inout Incident, by who: String, _ rng: inout SeededRandom) {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: i.severity = Severity.allCases.randomElement(using: &rng)!
        case 1: i.owner = ["alice", "bob", nil, who].randomElement(using: &rng)!
        case 2: i.tags.append("\(who)-\(Int.random(in: 0..<5, using: &rng))")
                i.tags = i.tags.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        case 3: if !i.tags.isEmpty { i.tags.remove(at: Int.random(in: 0..<i.tags.count, using: &rng)) }
        case 4:
            var paragraphs = (i.sections["summary"] ?? "").components(separatedBy: "\n\n")
            let k = Int.random(in: 0..<paragraphs.count, using: &rng)
            paragraphs[k] = "P\(k + 1) by \(who) \(Int.random(in: 0..<3, using: &rng))."
            i.sections.set("summary", paragraphs.joined(separator: "\n\n"))
        case 5: i.status = IncidentStatus.allCases.randomElement(using: &rng)!
        case 6: i.sections.set(["impact", "notes", "response"].randomElement(using: &rng)!, "Written by \(who).")
        default: i.started = Timestamp(seconds: 1_795_000_000 + Int64.random(in: 0..<3, using: &rng) * 60)
        }
    }
}
