import Foundation
import Testing
import TestSupport

/// Times as precise as what is known: a day stays a day, `unknown` is an answer, durations
/// from a day say they are approximate, and same-day events keep the order they were entered.
@Suite struct TimePrecisionTests {
    @Test func aDayStaysADayAndDurationsSaySoApproximately() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Breach found months later", "--started", "2022-12-16",
                           "--detected", "2022-12-29T10:15Z").trimmed
        try fx.ok("set", id, "contained=unknown", "resolved=2023-01-03")
        let file = try fx.git("show", "postmortems:" + fx.incidentPath(id))
        #expect(file.contains("\nstarted: 2022-12-16\n"), "no invented midnight:\n\(file)")
        #expect(file.contains("\ndetected: 2022-12-29T10:15:00Z\n"))
        #expect(file.contains("\ncontained: unknown\n") && file.contains("\nresolved: 2023-01-03\n"))

        let json = try fx.showJSON(id)
        #expect(json["started"] as? String == "2022-12-16")
        #expect(json["contained"] as? String == "unknown")
        let d = json["durations"] as! [String: Any]
        #expect(d["time_to_detect"] as? Int == 13 * 86400)
        #expect(d["time_to_contain"] is NSNull)
        #expect(d["approximate"] as? [String] == ["time_to_detect", "time_to_resolve"])

        let text = try fx.ok("show", id)
        #expect(text.contains("started   2022-12-16\n"), "\(text)")
        #expect(text.contains("contained unknown\n"))
        #expect(text.contains("time to detect ≈13 days · to contain unknown · to resolve ≈18 days"), "\(text)")
        let report = try fx.ok("report", id)
        #expect(report.contains("≈13 days") && report.contains("2022-12-16"), "\(report)")
        #expect(!report.contains("2022-12-16T00:00"), "no invented midnight in the report")
    }

    /// `unknown` answers the question the policy asks; an empty time does not.
    @Test func unknownCountsAsGivenForTheGates() throws {
        let fx = try Fixture()
        let id = try fx.writeFullPostmortem() // at review, which needs every time
        let r = try fx.run(["set", id, "contained=unknown"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try fx.run(["check", id]).status == 0)
        let cleared = try fx.run(["set", id, "contained="])
        #expect(cleared.status == 1 && cleared.stderr.contains("contained: is not set"), "\(cleared.stderr)")
    }

    @Test func sameDayEventsKeepTheOrderTheyWereEntered() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Old breach", "--started", "2022-12-16").trimmed
        let first = try fx.ok("timeline", "add", id, "--at", "2022-12-16", "Phishing mail opened").trimmed
        let second = try fx.ok("timeline", "add", id, "--at", "2022-12-16", "Token stolen").trimmed
        let third = try fx.ok("timeline", "add", id, "--at", "2022-12-16", "Token used").trimmed
        let earlier = try fx.ok("timeline", "add", id, "--at", "2022-12-15", "Recon").trimmed
        func order() throws -> [String] {
            (try fx.showJSON(id)["timeline"] as! [[String: Any]]).map { $0["id"] as! String }
        }
        #expect(try order() == [earlier, first, second, third], "entry order within the day")
        // Placed by hand: a later-found first step, and a correction.
        #expect(try fx.run(["timeline", "add", id, "--at", "2022-12-16", "--order", "0", "Mail sent"]).status == 2,
                "order starts at 1")
        let sent = try fx.ok("timeline", "add", id, "--at", "2022-12-16", "--order", "10", "Logs wiped").trimmed
        try fx.ok("set", third, "order=2")
        try fx.ok("set", second, "order=3")
        let final = try order()
        #expect(final == [earlier, first, third, second, sent], "\(final)")
        let shown = try fx.ok("show", id)
        #expect(shown.contains("2022-12-16  "), "a day shows as a day:\n\(shown)")
    }

    /// `list` puts an incident recorded long after it started where it started.
    @Test func listSortsByWhenIncidentsStarted() throws {
        let fx = try Fixture()
        let recent = try fx.ok("new", "Recent", "--started", "2026-11-20T10:00Z").trimmed
        let old = try fx.ok("new", "Found late", "--started", "2022-12-16").trimmed
        let list = (try JSONSerialization.jsonObject(with: Data(try fx.ok("list", "--json").utf8)) as! [[String: Any]])
            .map { $0["id"] as! String }
        #expect(list == [recent, old])
    }
}
