import Foundation
import Testing
@testable import InquestCore

@Suite struct ModelTests {
    let now = Date(timeIntervalSince1970: 1_764_331_200) // 2025-11-28T12:00:00Z

    @Test(arguments: [
        ("2026-11-28T10:03Z", "2026-11-28T10:03:00Z"),
        ("2026-11-28 10:03", "2026-11-28T10:03:00Z"),
        ("2026-11-28T10:03:07.123Z", "2026-11-28T10:03:07Z"),
        ("2026-11-28T10:03:00+02:00", "2026-11-28T08:03:00Z"),
        ("2026-11-28T01:00-0130", "2026-11-28T02:30:00Z"),
        ("2026-11-28", "2026-11-28"), // only the day is known: no invented midnight
        ("2024-02-29", "2024-02-29"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("now", "2025-11-28T12:00:00Z"),
    ])
    func timestampsParse(input: String, expected: String) {
        #expect(Timestamp.parse(input, now: now)?.description == expected)
    }

    @Test(arguments: ["2026-13-01", "2026-02-30", "2025-02-29", "2026-11-28T25:00", "yesterday", "2026-11-28T10",
                      "2026-11-28T10:03Zjunk", "", "28/11/2026"])
    func badTimestampsAreRefused(input: String) {
        #expect(Timestamp.parse(input, now: now) == nil)
    }

    /// Foundation's calendar turns Julian before 1582, so compare from 1614 on.
    @Test func civilCalendarMatchesFoundation() {
        let cal = Calendar(identifier: .gregorian)
        var utc = cal
        utc.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: Int64(-130_000), through: 800_000, by: 997) {
            let d = Date(timeIntervalSince1970: TimeInterval(days * 86400))
            let c = utc.dateComponents([.year, .month, .day], from: d)
            let (y, m, dd) = Civil.fromDays(days)
            #expect(y == Int64(c.year!) && m == Int64(c.month!) && dd == Int64(c.day!))
            #expect(Civil.toDays(y, m, dd) == days)
        }
    }

    @Test func idsAreReadableUniqueAndPrefixable() {
        var seen = Set<String>()
        for _ in 0..<5000 {
            let id = RecordID.generate(.incident)
            #expect(id.random.count == 10)
            #expect(id.random.allSatisfy { RecordID.alphabet.contains($0) })
            #expect(RecordID(exactly: id.description) == id)
            seen.insert(id.description)
        }
        #expect(seen.count == 5000)
        let id = RecordID(exactly: "INC-10AB2CDEFG")!
        #expect(IDQuery("inc-i0ab")!.matches(id)) // I reads as 1, case ignored
        #expect(IDQuery("10AB")!.matches(id))
        #expect(!IDQuery("FU-10AB")!.matches(id))
        #expect(IDQuery("../x") == nil)
        #expect(IDQuery("INC-U000") == nil)
        #expect(IDQuery("a/b") == nil)
    }

    @Test func incidentKeepsUnknownKeysAndSectionsOnRewrite() throws {
        let text = """
            ---
            id: INC-10AB2CDEFG
            title: Disk full
            severity: sev2
            status: open
            customer_impact: false
            data_breach: false
            team_slack: "#inc-disk"
            owner:
            created: 2026-11-01T00:00:00Z
            tags: []
            ---

            ## Summary

            Disk filled.

            ## Vendor notes

            Ask the vendor.

            """
        var i = try Incident(data: Data(text.utf8), path: "incidents/2026-11/INC-10AB2CDEFG/incident.md")
        try i.apply(Assignment.parse("severity=sev1"), now: now)
        let out = String(decoding: i.serialized(), as: UTF8.self)
        #expect(out.contains("severity: sev1\n"))
        #expect(out.contains("team_slack: \"#inc-disk\"\n"))
        #expect(out.contains("## Vendor notes\n\nAsk the vendor.\n"))
        #expect(out.contains("## Summary\n\nDisk filled."))
    }

    @Test func recordProblemsNameRecordAndField() {
        let text = """
            ---
            id: INC-10AB2CDEFG
            title: Disk full
            severity: sev9
            status: open
            customer_impact: maybe
            started: last tuesday
            tags: {a: 1}
            ---

            """
        do {
            _ = try Incident(data: Data(text.utf8), path: "p/incident.md")
            Issue.record("accepted a broken record")
        } catch let e as InquestError {
            #expect(e.lines == [
                "p/incident.md:4: INC-10AB2CDEFG: severity: 'sev9' is not one of sev1, sev2, sev3, sev4",
                "p/incident.md:6: INC-10AB2CDEFG: customer_impact: 'maybe' is not true or false",
                "p/incident.md:7: INC-10AB2CDEFG: started: 'last tuesday' is not a date-time (like 2026-11-28T10:03:00Z)",
                "p/incident.md:8: INC-10AB2CDEFG: tags: expected a list, found a mapping",
            ])
            #expect(e.exitCode == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func durationsAreUnknownRatherThanNegative() throws {
        var i = Incident(id: RecordID.generate(.incident), title: "t", severity: .sev1, created: Timestamp(seconds: 0))
        i.started = Timestamp(seconds: 1000)
        i.detected = Timestamp(seconds: 500)
        i.resolved = Timestamp(seconds: 4600)
        let d = Durations(i)
        #expect(d.toDetect == nil)
        #expect(d.toContain == nil)
        #expect(d.toResolve == 3600)
    }

    @Test func conflictsRoundTripInTheRecord() throws {
        var i = Incident(id: RecordID.generate(.incident), title: "t", severity: .sev1, created: Timestamp(seconds: 0))
        i.conflicts = [FieldConflict(field: "severity", base: "sev3", ours: "sev1", theirs: "sev2",
                                     oursCommit: String(repeating: "a", count: 40), theirsCommit: String(repeating: "b", count: 40)),
                       FieldConflict(field: "section:summary", base: nil, ours: "line one\nline: two", theirs: "x, y")]
        let text = String(decoding: i.serialized(), as: UTF8.self)
        #expect(text.contains("conflicts:\n  - {field: severity, base: sev3, ours: sev1, theirs: sev2, ours_commit: "))
        let back = try Incident(data: i.serialized(), path: "x/incident.md")
        #expect(back == i)
    }
}

/// Counts agree with their nouns and articles with their words, in every message.
@Suite struct EnglishTests {
    @Test func pluralsAndArticles() {
        #expect(plural(1, "incident") == "1 incident")
        #expect(plural(0, "incident") == "0 incidents")
        #expect(plural(3, "follow-up") == "3 follow-ups")
        #expect(withArticle("incident") == "an incident")
        #expect(withArticle("finding") == "a finding")
        #expect(withArticle("event") == "an event")
        #expect(withArticle("follow-up") == "a follow-up")
    }
}
