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

        // Tracker: a progress line; by owner, then by priority and due date within an owner
        // (the p1 scan before the p2 overdue thing), the incident by title.
        let tracker = try page("followups.html")
        let bob = try #require(tracker.range(of: "<h2>bob</h2>"))
        let overdue = try #require(tracker.range(of: "Overdue thing", range: bob.upperBound..<tracker.endIndex))
        let notOverdue = try #require(tracker.range(of: "Add pre-publish secret scan", range: bob.upperBound..<tracker.endIndex))
        #expect(notOverdue.lowerBound < overdue.lowerBound)
        #expect(tracker.contains("<p class=\"progress\">0 of 3 follow-ups resolved, 1 overdue.</p>"))
        #expect(tracker.contains(">Leaked deploy key</a><br><span class=\"muted\">\(full)</span>"))
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

/// A second `site` run rewrites only what changed, and its output is the full run's.
@Suite struct IncrementalSiteTests {
    struct Run {
        let mode: String
        let written: [String]
        let removed: [String]
        let unchanged: Int
    }

    func site(_ fx: Fixture, _ dir: String, _ extra: [String] = []) throws -> Run {
        let r = try fx.run(["site", "--json", dir] + extra)
        guard r.status == 0, let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] else {
            throw Failure("site failed: \(r.stderr)")
        }
        return Run(mode: o["mode"] as! String, written: o["written"] as! [String], removed: o["removed"] as! [String],
                   unchanged: o["unchanged"] as! Int)
    }

    /// Every file of a folder, by relative path.
    func contents(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: dir) {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                out[path] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path))
            }
        }
        return out
    }

    @Test func aSecondRunRewritesOnlyTheChangedIncidentAndTheOverviews() throws {
        let fx = try Fixture()
        let a = try fx.writeFullPostmortem()
        let b = try fx.ok("new", "Second", "--severity", "sev4", "--started", "2026-10-02").trimmed
        let c = try fx.ok("new", "Third", "--owner", "bob").trimmed
        try fx.ok("followup", "add", c, "--kind", "bug", "--owner", "bob", "--due", "2026-11-01", "Overdue thing")
        let dir = fx.tmp.path + "/site"
        let overview = ["followups.html", "index.html", "metrics.html"]

        let first = try site(fx, dir)
        #expect(first.mode == "full")
        #expect(first.written == (overview + [a, b, c].map { "incidents/\($0).html" }).sorted())

        // Nothing changed: nothing is written.
        let mtimes = try FileManager.default.attributesOfItem(atPath: dir + "/incidents/\(a).html")[.modificationDate] as? Date
        let same = try site(fx, dir)
        #expect(same.mode == "incremental" && same.written.isEmpty && same.unchanged == 6)
        #expect(try FileManager.default.attributesOfItem(atPath: dir + "/incidents/\(a).html")[.modificationDate] as? Date == mtimes)

        // One record of one incident changes: its page and the overviews.
        try fx.ok("timeline", "add", b, "--at", "2026-10-02T10:00Z", "--kind", "detection", "Noticed")
        let second = try site(fx, dir)
        #expect(second.mode == "incremental")
        #expect(second.written == (overview + ["incidents/\(b).html"]).sorted())
        #expect(second.unchanged == 2)
        let incremental = try contents(dir)
        #expect(String(decoding: incremental["incidents/\(b).html"]!, as: UTF8.self).contains("Noticed"))

        // Byte for byte what a full build of the same branch writes (manifest included).
        let fullDir = fx.tmp.path + "/full"
        let full = try site(fx, fullDir)
        #expect(full.mode == "full")
        #expect(try contents(fullDir) == incremental)
        #expect(try site(fx, dir, ["--full"]).written.count == 6)
        #expect(try contents(dir) == incremental)
    }

    @Test func pagesOfDeletedIncidentsGoAndABadManifestRebuildsAll() throws {
        let fx = try Fixture()
        let a = try fx.ok("new", "Kept").trimmed
        let b = try fx.ok("new", "Deleted by hand").trimmed
        let dir = fx.tmp.path + "/site"
        _ = try site(fx, dir)
        let path = try fx.incidentPath(b)
        try fx.editBranch(message: "remove \(b)") { wt in
            try FileManager.default.removeItem(atPath: wt + "/" + (path as NSString).deletingLastPathComponent)
        }
        let run = try site(fx, dir)
        #expect(run.removed == ["incidents/\(b).html"])
        #expect(run.written == ["followups.html", "index.html", "metrics.html"])
        #expect(!FileManager.default.fileExists(atPath: dir + "/incidents/\(b).html"))
        #expect(try !String(contentsOfFile: dir + "/index.html", encoding: .utf8).contains(b))

        // A corrupt manifest, one from another renderer, or a page deleted by hand.
        try "{ not json".write(to: dir + "/.inquest-site.json")
        #expect(try site(fx, dir).mode == "full")
        let manifest = try String(contentsOfFile: dir + "/.inquest-site.json", encoding: .utf8)
        try manifest.replacingOccurrences(of: "\"site 1;", with: "\"site 0;").write(to: dir + "/.inquest-site.json")
        #expect(try site(fx, dir).written.count == 4)
        try FileManager.default.removeItem(atPath: dir + "/incidents/\(a).html")
        #expect(try site(fx, dir).written == ["incidents/\(a).html"])
        #expect(FileManager.default.fileExists(atPath: dir + "/incidents/\(a).html"))
    }
}
