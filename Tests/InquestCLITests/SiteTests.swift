import Foundation
import Testing
import TestSupport

/// `inquest site DIR`: every page, filters that work without a script, the tracker by
/// owner with overdue first, charts on the metrics page, progress on stderr.
@Suite struct SiteTests {
    @Test func writesEveryPage() throws {
        let fx = try Fixture()
        let full = try fx.writeFullPostmortem()
        let other = try fx.ok("new", "Small one", "--severity", "sev4", "--owner", "bob", "--started", "2026-10-02")
        try fx.ok("followup", "add", other, "--kind", "bug", "--owner", "bob", "--due", "2026-11-01", "Overdue thing")
        let site = fx.tmp.path + "/site"
        // A page left from an incident that is no longer on the branch goes; other files stay.
        try FileManager.default.createDirectory(atPath: site + "/incidents", withIntermediateDirectories: true)
        try "old".write(to: site + "/incidents/INC-0000000000.html")
        try "mine".write(to: site + "/notes.txt")

        let r = try fx.run(["site", site])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.trimmed == site + "/index.html")
        #expect(r.stderr.lines == ["site: read 2/2 incidents", "site: wrote 5/5 pages"])
        let files = try FileManager.default.subpathsOfDirectory(atPath: site).sorted()
        #expect(files == [".inquest-site.json", "followups.html", "incidents", "incidents/\(full).html", "incidents/\(other).html",
                          "index.html", "metrics.html", "notes.txt"].sorted())
        func page(_ path: String) throws -> String { try String(contentsOfFile: site + "/" + path, encoding: .utf8) }

        // Index: a row per incident, classed for the CSS filters; the script only counts.
        let index = try page("index.html")
        #expect(index.contains("<tr class=\"sev-sev1 status-review\" data-severity=\"sev1\" data-status=\"review\">"))
        #expect(index.contains("<tr class=\"sev-sev4 status-open\""))
        #expect(index.contains("<a href=\"incidents/\(full).html\">Leaked deploy key</a>"))
        #expect(index.contains("#f-severity-sev1:checked~.table-scroll tbody tr:not(.sev-sev1){display:none}"))
        #expect(index.contains("#f-status-open:checked~.table-scroll tbody tr:not(.status-open){display:none}"))
        #expect(index.contains("<input type=\"radio\" class=\"filter-input\" name=\"severity\" id=\"f-severity-all\" value=\"all\" checked>"))
        #expect(index.contains("<p class=\"summary-line\" id=\"shown\" aria-live=\"polite\">2 incidents</p>"))

        // Tracker: by owner, overdue first within an owner.
        let tracker = try page("followups.html")
        let bob = try #require(tracker.range(of: "<h2>bob</h2>"))
        let overdue = try #require(tracker.range(of: "Overdue thing", range: bob.upperBound..<tracker.endIndex))
        let notOverdue = try #require(tracker.range(of: "Add pre-publish secret scan", range: bob.upperBound..<tracker.endIndex))
        #expect(overdue.lowerBound < notOverdue.lowerBound)
        #expect(tracker.contains("<h2>carol</h2>"))
        #expect(tracker.contains("<p class=\"summary-line\">3 open, 1 overdue, 0 done this month.</p>"))
        #expect(tracker.contains("href=\"incidents/\(other).html#FU-"))

        // Metrics: the three charts as inline SVG, each with its title.
        let metrics = try page("metrics.html")
        #expect(metrics.components(separatedBy: "<svg class=\"chart line-chart\"").count - 1 == 2)
        #expect(metrics.components(separatedBy: "<svg class=\"chart bar-chart\"").count - 1 == 1)
        #expect(metrics.contains("<title id=\"chart-burndown-title\">"))
        #expect(metrics.contains("<title id=\"chart-durations-title\">"))

        // Incident pages are the report, with the site's navigation one folder up.
        let report = try page("incidents/\(full).html")
        #expect(report.contains("<a href=\"../index.html\">Incidents</a>"))
        #expect(report.contains("id=\"section-findings\"") && report.contains("timeline-chart"))

        for path in files where path.hasSuffix(".html") {
            let html = try page(path)
            for needle in ["src=", "<link", "@import", "url("] { #expect(!html.contains(needle), "\(path): \(needle)") }
        }
    }

    @Test func refusesAFileForAFolder() throws {
        let fx = try Fixture()
        try "x".write(to: fx.repo + "/taken")
        let r = try fx.run(["site", "taken"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("taken exists and is not a folder"))
        let missing = try fx.run(["site"])
        #expect(missing.status == 2)
    }
}
