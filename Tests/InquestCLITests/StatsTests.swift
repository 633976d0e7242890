import Foundation
import InquestCore
import Testing
import TestSupport

/// `inquest stats` against numbers worked out by hand. Today is 2026-11-28 (INQUEST_NOW).
/// Percentiles are nearest-rank: the value at rank ⌈p/100 × n⌉ of the sorted values.
@Suite struct StatsTests {
    /// An incident with durations in seconds from `started` (nil: that time is not recorded).
    func incident(_ fx: Fixture, _ title: String, _ severity: String, started: String, detect: Int64?,
                  contain: Int64?, resolve: Int64?, flags: [String] = []) throws -> String {
        // A date alone is now kept as a day (approximate durations); these are exact times.
        let start = Timestamp(seconds: Timestamp.parse(started, now: Date())!.seconds)
        func at(_ d: Int64?) -> String? { d.map { Timestamp(seconds: start.seconds + $0).description } }
        var args = ["new", title, "--severity", severity, "--started", start.description] + flags
        if let d = at(detect) { args += ["--detected", d] }
        let id = try fx.ok(args)
        let sets = [at(contain).map { "contained=\($0)" }, at(resolve).map { "resolved=\($0)" }].compactMap { $0 }
        if !sets.isEmpty { try fx.ok(["set", id] + sets) }
        return id
    }

    /// Runs inquest with the clock at `now`.
    @discardableResult
    func at(_ fx: Fixture, _ now: String, _ args: String...) throws -> String {
        try fx.sandbox.ok(args, in: fx.repo, env: ["INQUEST_NOW": now])
    }

    @Test func agreesWithAHandComputation() throws {
        let fx = try Fixture()
        // The branch's own policy: sev1, sev2 or customer impact need a full postmortem, a
        // data breach alone does not (the default would say it does), and no gates, so an
        // old sev1 can be closed for the test.
        let worktree = fx.tmp.path + "/pm"
        try fx.git("worktree", "add", "-q", worktree, "postmortems")
        try "version: 1\nfull_postmortem:\n  severities: [sev1, sev2]\n  customer_impact: true\n  data_breach: false\n"
            .write(to: worktree + "/.inquest/policy.yml")
        try fx.sandbox.git(["commit", "-q", "-am", "policy: a data breach alone needs no full postmortem"], in: worktree)
        try fx.git("worktree", "remove", worktree)

        //                                          detect   contain   resolve   (seconds)
        let a = try incident(fx, "A", "sev1", started: "2026-10-01", detect: 600, contain: 3600, resolve: 14400)
        let b = try incident(fx, "B", "sev1", started: "2026-10-10", detect: 1800, contain: 7200, resolve: 36000)
        _ = try incident(fx, "C", "sev2", started: "2026-11-02", detect: 1200, contain: nil, resolve: 86400)
        let d = try incident(fx, "D", "sev3", started: "2026-11-05", detect: 300, contain: 900, resolve: 3600)
        _ = try incident(fx, "E", "sev3", started: "2026-11-20", detect: nil, contain: nil, resolve: nil,
                         flags: ["--customer-impact"])
        let f = try incident(fx, "F", "sev2", started: "2026-09-15", detect: 3600, contain: 10800, resolve: 172_800)
        let g = try incident(fx, "G", "sev1", started: "2026-09-01", detect: 900, contain: 1800, resolve: 7200)
        _ = try incident(fx, "H", "sev4", started: "2026-08-01", detect: 7200, contain: 14400, resolve: 28800,
                         flags: ["--data-breach"])
        for s in ["resolved", "review", "approved", "closed"] { try fx.ok("status", g, s) }

        try fx.ok("finding", "add", a, "--category", "technical-lapse", "a1")
        try fx.ok("finding", "add", a, "--category", "technical-lapse", "a2")
        try fx.ok("finding", "add", b, "--category", "process-flaw", "b1")
        try fx.ok("finding", "add", d, "--category", "manual-error", "d1")
        try fx.ok("finding", "add", f, "--category", "technical-lapse", "f1")

        // Follow-ups, each added on the day its clock says.
        try at(fx, "2026-10-02T09:00Z", "followup", "add", a, "--kind", "bug", "--owner", "o", "--due", "2026-11-01", "fu1")
        let fu2 = try at(fx, "2026-10-02T09:00Z", "followup", "add", a, "--kind", "bug", "--owner", "o", "--due", "2026-12-31", "fu2")
        try fx.fixOnMain(fu2)
        try at(fx, "2026-11-10T09:00Z", "followup", "set", fu2, "status=done")
        try at(fx, "2026-11-18T09:00Z", "followup", "add", b, "--kind", "bug", "--owner", "o", "--due", "2026-12-01", "fu3")
        let fu4 = try at(fx, "2026-09-16T09:00Z", "followup", "add", f, "--kind", "bug", "--owner", "o", "--due", "2026-10-01", "fu4")
        try at(fx, "2026-10-05T09:00Z", "followup", "set", fu4, "status=not-doing", "not_doing=superseded")
        try at(fx, "2026-11-06T09:00Z", "followup", "add", d, "--kind", "bug", "--owner", "o", "--due", "2026-11-20", "fu5")

        let json = try JSONSerialization.jsonObject(with: Data(fx.ok("stats", "--json").utf8)) as! [String: Any]
        #expect(json["incidents"] as? Int == 8)
        #expect(json["percentile_method"] as? String == "nearest-rank")
        let durations = json["durations"] as! [String: Any]
        func spread(_ group: [String: Any], _ key: String) -> [Int?] {
            let s = group[key] as! [String: Any]
            return [s["count"] as? Int, s["median"] as? Int, s["p90"] as? Int]
        }
        let overall = durations["overall"] as! [String: Any]
        // detect, 7 values sorted: 300 600 900 1200 1800 3600 7200.
        // median rank ⌈3.5⌉ = 4 → 1200; p90 rank ⌈6.3⌉ = 7 → 7200.
        #expect(spread(overall, "time_to_detect") == [7, 1200, 7200])
        // contain, 6 values: 900 1800 3600 7200 10800 14400. median rank 3 → 3600; p90 rank ⌈5.4⌉ = 6 → 14400.
        #expect(spread(overall, "time_to_contain") == [6, 3600, 14400])
        // resolve, 7 values: 3600 7200 14400 28800 36000 86400 172800. median rank 4 → 28800; p90 rank 7 → 172800.
        #expect(spread(overall, "time_to_resolve") == [7, 28800, 172_800])

        let bySeverity = durations["by_severity"] as! [String: [String: Any]]
        // sev1 = A, B, G. detect 600 900 1800 → median rank ⌈1.5⌉ = 2 → 900; p90 rank ⌈2.7⌉ = 3 → 1800.
        #expect(bySeverity["sev1"]!["incidents"] as? Int == 3)
        #expect(spread(bySeverity["sev1"]!, "time_to_detect") == [3, 900, 1800])
        // contain 1800 3600 7200 → 3600, 7200. resolve 7200 14400 36000 → 14400, 36000.
        #expect(spread(bySeverity["sev1"]!, "time_to_contain") == [3, 3600, 7200])
        #expect(spread(bySeverity["sev1"]!, "time_to_resolve") == [3, 14400, 36000])
        // sev2 = C, F. detect 1200 3600: median rank ⌈1⌉ = 1 → 1200 (the lower middle); p90 rank ⌈1.8⌉ = 2 → 3600.
        #expect(spread(bySeverity["sev2"]!, "time_to_detect") == [2, 1200, 3600])
        // contain: only F has one → 10800. resolve 86400 172800 → 86400, 172800.
        #expect(spread(bySeverity["sev2"]!, "time_to_contain") == [1, 10800, 10800])
        #expect(spread(bySeverity["sev2"]!, "time_to_resolve") == [2, 86400, 172_800])
        // sev3 = D, E; E has no times, so one value each.
        #expect(bySeverity["sev3"]!["incidents"] as? Int == 2)
        #expect(spread(bySeverity["sev3"]!, "time_to_detect") == [1, 300, 300])
        #expect(spread(bySeverity["sev4"]!, "time_to_resolve") == [1, 28800, 28800])

        let byMonth = durations["by_month"] as! [String: [String: Any]]
        #expect(Set(byMonth.keys) == ["2026-08", "2026-09", "2026-10", "2026-11"])
        // 2026-09 = F, G: detect 900 3600 → 900, 3600.
        #expect(spread(byMonth["2026-09"]!, "time_to_detect") == [2, 900, 3600])
        // 2026-10 = A, B: detect 600 1800 → 600, 1800.
        #expect(spread(byMonth["2026-10"]!, "time_to_detect") == [2, 600, 1800])
        // 2026-11 = C, D, E: detect 300 1200 → 300, 1200; resolve 3600 86400 → 3600, 86400.
        #expect(byMonth["2026-11"]!["incidents"] as? Int == 3)
        #expect(spread(byMonth["2026-11"]!, "time_to_detect") == [2, 300, 1200])
        #expect(spread(byMonth["2026-11"]!, "time_to_resolve") == [2, 3600, 86400])

        // Findings: technical-lapse a1 a2 f1 = 3, process-flaw 1, manual-error 1, the rest 0.
        let categories = json["findings_by_category"] as! [String: Int]
        #expect(categories == ["technical-lapse": 3, "procedural-failure": 0, "manual-error": 1, "process-flaw": 1,
                               "communication-glitch": 0, "unknown-attack-vector": 0])

        // Follow-ups: 5 opened; fu2 done, fu4 not-doing → 2 closed, 3 open; fu1 (due 11-01) and
        // fu5 (due 11-20) overdue. Ages of the open ones on 11-28: fu1 57 days (since 10-02),
        // fu3 10 (11-18), fu5 22 (11-06); sorted 10 22 57, median rank 2 → 22.
        let fus = json["followups"] as! [String: Any]
        #expect(fus["opened"] as? Int == 5 && fus["closed"] as? Int == 2 && fus["open"] as? Int == 3)
        #expect(fus["overdue"] as? Int == 2)
        #expect(fus["median_open_age_days"] as? Int == 22)

        // Full postmortems not approved 30 days after they started (branch policy):
        // F sev2 since 09-15 = 74 days, A sev1 since 10-01 = 58, B sev1 since 10-10 = 49; oldest first.
        // Not: C (26 days), E (8 days), G (closed), H (data breach only: not full under this policy).
        let stale = json["stale_postmortems"] as! [String: Any]
        #expect(stale["after_days"] as? Int == 30)
        let listed = (stale["incidents"] as! [[String: Any]]).map { [$0["title"] as! String: $0["age_days"] as! Int] }
        #expect(listed == [["F": 74], ["A": 58], ["B": 49]])

        // --since keeps incidents that started on or after the day: A, B, C, D, E.
        // detect 300 600 1200 1800: median rank 2 → 600; p90 rank ⌈3.6⌉ = 4 → 1800.
        let since = try JSONSerialization.jsonObject(with: Data(fx.ok("stats", "--since", "2026-10-01", "--json").utf8)) as! [String: Any]
        #expect(since["incidents"] as? Int == 5)
        #expect(since["since"] as? String == "2026-10-01")
        #expect(spread((since["durations"] as! [String: Any])["overall"] as! [String: Any], "time_to_detect") == [4, 600, 1800])
        // --stale-after 50: only F (74) and A (58).
        let later = try JSONSerialization.jsonObject(with: Data(fx.ok("stats", "--stale-after", "50", "--json").utf8)) as! [String: Any]
        #expect(((later["stale_postmortems"] as! [String: Any])["incidents"] as! [Any]).count == 2)

        // The same numbers for people.
        let text = try fx.ok("stats")
        #expect(text.contains("Incidents: 8"))
        #expect(text.lines.contains { $0.hasPrefix("all ") && $0.contains("20m") && $0.contains("2h") && $0.contains("8h") })
        #expect(text.contains("Follow-ups: 5 opened, 2 closed, 3 open, 2 overdue; median age of open ones: 22 days"))
        #expect(text.contains("Full postmortems not approved 30 days after they started: 3"))

        // The follow-up summary on stderr: 3 open, 2 overdue, and fu2 done on 2026-11-10, this month.
        let r = try fx.run(["followups"])
        #expect(r.stderr.lines.last == "3 open, 2 overdue, 1 done this month")
    }

    @Test func badInputIsAUsageError() throws {
        let fx = try Fixture()
        for (args, message) in [(["stats", "--since", "last week"], "--since: 'last week' is not a date"),
                                (["stats", "--stale-after", "-3"], "--stale-after"),
                                (["stats", "--stale-after", "soon"], "soon")] {
            let r = try fx.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
        // An empty branch has nothing to measure, and says so without failing.
        let empty = try JSONSerialization.jsonObject(with: Data(fx.ok("stats", "--json").utf8)) as! [String: Any]
        #expect(empty["incidents"] as? Int == 0)
        #expect(((empty["followups"] as! [String: Any])["median_open_age_days"]) is NSNull)
    }
}
