import Foundation
import Testing
import TestSupport

/// `inquest report`: every section, the timeline in time order, every finding under its
/// category, every follow-up, and durations that are right or "unknown", in both formats.
@Suite struct ReportTests {
    /// The fixture's full postmortem plus an event added out of order, so that time order is
    /// the report's doing. Started 09:00, detected 09:40, contained 11:00, resolved 13:00.
    func fullPostmortem(_ fx: Fixture) throws -> (id: String, findings: [String: String], followUps: [String]) {
        let id = try fx.writeFullPostmortem()
        try fx.ok("timeline", "add", id, "--at", "2026-11-27T09:05Z", "--kind", "attacker-activity", "Key used from an unknown address")
        let show = try JSONSerialization.jsonObject(with: Data(fx.ok("show", id, "--json").utf8)) as! [String: Any]
        var findings: [String: String] = [:]
        for f in show["findings"] as! [[String: Any]] { findings[f["id"] as! String] = f["category"] as? String }
        let followUps = (show["followups"] as! [[String: Any]]).map { $0["id"] as! String }
        return (id, findings, followUps)
    }

    static let eventsInOrder = ["Key used from an unknown address", "Secret scanner alert", "Paged security on-call", "Key revoked"]

    /// Each needle found after the one before it.
    func inOrder(_ text: String, _ needles: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        var from = text.startIndex
        for needle in needles {
            guard let r = text.range(of: needle, range: from..<text.endIndex) else {
                Issue.record("'\(needle)' missing or out of order", sourceLocation: sourceLocation)
                return
            }
            from = r.upperBound
        }
    }

    @Test func markdownHasEverything() throws {
        let fx = try Fixture()
        let (id, findings, followUps) = try fullPostmortem(fx)
        let md = try fx.ok("report", id)
        #expect(md.hasPrefix("# Leaked deploy key\n"))
        // A leader reads the summary and the key figures first.
        inOrder(md, ["# Leaked deploy key\n\nA deploy key leaked through a public gist.\n\n",
                     "**sev1 · status review · detected after 40m, contained after 2h, resolved after 4h · 2 findings · "
                     + "0 of 2 follow-ups resolved, none overdue**", "| Severity | sev1 |"])
        inOrder(md, ["| Severity | sev1 |", "| Status | review |", "| Owner | alice |", "| Approvals | none |",
                     "## Summary", "A deploy key leaked through a public gist.", "## Impact", "## Durations",
                     "| Time to detect | 40m |", "| Time to contain | 2h |", "| Time to resolve | 4h |",
                     "## Technical summary", "Evidence: audit log.", "## Actors", "## Response", "## Timeline",
                     "## Findings", "## Follow-ups", "## Key takeaways", "Scan gists for secrets."])
        inOrder(md, ["## Timeline"] + Self.eventsInOrder.map { "| \($0) |" } + ["## Findings"])
        // Categories in their documented order, each finding under its own.
        let lapse = findings.first { $0.value == "technical-lapse" }!.key
        let flaw = findings.first { $0.value == "process-flaw" }!.key
        inOrder(md, ["### Technical lapse (1)", "(\(lapse))", "<https://logs.example/a>", "### Process flaw (1)", "(\(flaw))",
                     "`runbook.md` (internal)", "## Follow-ups"])
        // Findings name their follow-ups by title; follow-ups come title first, ID after.
        inOrder(md, ["- Follow-ups: Add pre-publish secret scan (FU-", ", open)", "### Process flaw"])
        for fu in followUps { inOrder(md, ["## Follow-ups", "0 of 2 follow-ups resolved, none overdue.", "(\(fu)) |", "## Key takeaways"]) }
        inOrder(md, ["| Add pre-publish secret scan (FU-", ") | bob | p1 | 2026-12-15 | open | none | none |"])
    }

    @Test func htmlHasEverythingAndLoadsNothing() throws {
        let fx = try Fixture()
        let (id, findings, followUps) = try fullPostmortem(fx)
        let html = try fx.ok("report", id, "--format", "html")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media print") && html.contains("@media (max-width:"))
        inOrder(html, ["<h1>Leaked deploy key</h1>", "<dt>Approvals</dt><dd>none</dd>", "id=\"section-summary\"",
                       "id=\"section-impact\"", "id=\"section-durations\"", "<dt>Time to detect</dt><dd>40m",
                       "<dt>Time to contain</dt><dd>2h", "<dt>Time to resolve</dt><dd>4h", "id=\"section-technical_summary\"",
                       "id=\"section-actors\"", "id=\"section-response\"", "id=\"section-timeline\"",
                       "id=\"section-findings\"", "id=\"section-followups\"", "id=\"section-takeaways\""])
        // The timeline as a picture: one numbered dot per event, the three phase bands.
        let svgStart = try #require(html.range(of: "<svg class=\"chart timeline-chart\""))
        let svg = html[svgStart.lowerBound..<html.range(of: "</svg>", range: svgStart.upperBound..<html.endIndex)!.upperBound]
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
        #expect(svg.contains("undetected · 40m") && svg.contains("uncontained · 1h 20m") && svg.contains("recovering · 2h"))
        // And as a table, in time order.
        inOrder(html, ["<table class=\"timeline-table\">"] + Self.eventsInOrder.map { "<p>\($0)</p>" })
        for (finding, category) in findings {
            let section = try #require(html.range(of: "id=\"category-\(category)\""))
            let end = html.range(of: "</section>", range: section.upperBound..<html.endIndex)!
            #expect(html[section.upperBound..<end.lowerBound].contains("id=\"\(finding)\""))
        }
        for fu in followUps { inOrder(html, ["id=\"section-followups\"", "<tr id=\"\(fu)\""]) }
        // One file that loads nothing: no external resources, no scripts, no fonts.
        for needle in ["src=", "<link", "@import", "url(", "<script", "@font-face"] { #expect(!html.contains(needle), "\(needle)") }
        // Web addresses appear only as links and their text (and in the print rule that
        // spells out where links go), never as something to fetch.
        let beforeHTTP = html.components(separatedBy: "http").dropLast()
        for prefix in beforeHTTP {
            #expect(prefix.hasSuffix("href=\"") || prefix.hasSuffix(">") || prefix.hasSuffix("[href^=\""), "\(prefix.suffix(40))")
        }
    }

    @Test func unknownDurationsAreNeverZeroOrNegative() throws {
        let fx = try Fixture()
        // Not detected yet; contained recorded before it started (a typo, committed by hand
        // since the CLI refuses it); resolved the instant it started (a copied time).
        let id = try fx.ok("new", "Still investigating", "--started", "2026-11-27T10:00Z")
        try fx.ok("set", id, "resolved=2026-11-27T10:00Z")
        try fx.editIncident(id) {
            $0.replacingOccurrences(of: "(?m)^contained:.*$", with: "contained: 2026-11-27T09:00:00Z", options: .regularExpression)
        }
        let md = try fx.ok("report", id)
        #expect(md.contains("| Time to detect | unknown |"))
        #expect(md.contains("| Time to contain | unknown |"))
        #expect(md.contains("| Time to resolve | unknown |"))
        #expect(md.contains("| Detected | unknown |"))
        let html = try fx.ok("report", id, "--format", "html")
        #expect(html.components(separatedBy: "<dd class=\"unknown\">unknown").count - 1 == 3)
        #expect(!md.contains(" 0s ") && !html.contains(">0s<"))
        #expect(try fx.ok("show", id, "--json").contains("\"time_to_resolve\": null"))
        // No events, findings or follow-ups: said so, and no picture without times to show.
        #expect(md.contains("_No timeline events recorded._") && md.contains("_No findings recorded._"))
        #expect(html.contains("timeline-chart")) // started and contained are still times to show
    }

    @Test func approvalsWrittenByApproveAreShown() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Approved one", "--severity", "sev4")
        // `edit` refuses to touch approvals, so this one is committed by hand.
        try fx.editIncident(id) {
            $0.replacingOccurrences(of: "tags: []\n", with: "tags: []\napprovals:\n  - {by: Bob Example, email: bob@example.com, key: \"SHA256:abc\", at: 2026-11-28T10:00:00Z}\n")
        }
        // Markdown escapes the angle brackets so they are not read as an HTML tag.
        #expect(try fx.ok("report", id).contains("| Approvals | Bob Example \\<bob@example.com\\>, 2026-11-28T10:00:00Z |"))
        #expect(try fx.ok("report", id, "--format", "html")
            .contains("<li>Bob Example &lt;bob@example.com&gt;, 2026-11-28T10:00:00Z</li>"))
    }

    @Test func userTextIsEscapedInHTML() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "<img src=x onerror=alert(1)> & \"quotes\"", "--owner", "<b>eve</b>")
        try fx.ok("set", id, "summary=<script>alert(1)</script> **bold**", "tags=<i>t</i>")
        try fx.ok("finding", "add", id, "--category", "manual-error", "--evidence", "javascript:alert(1)", "<svg onload=x>")
        let html = try fx.ok("report", id, "--format", "html")
        #expect(!html.contains("<img") && !html.contains("<script") && !html.contains("<b>eve") && !html.contains("<i>t"))
        #expect(!html.contains("<svg onload") && !html.contains("href=\"javascript"))
        #expect(html.contains("<h1>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</h1>"))
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("<code>javascript:alert(1)</code>"))
    }

    @Test func writesToAFileAndRefusesBadInput() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Filed", "--severity", "sev4")
        // -o FILE.html picks HTML; relative paths follow -C, as in git.
        let out = try fx.run(["report", id, "-o", "out/report.html"])
        #expect(out.status == 2 && out.stderr.contains("cannot write"))
        try FileManager.default.createDirectory(atPath: fx.repo + "/out", withIntermediateDirectories: true)
        let ok = try fx.run(["report", id, "-o", "out/report.html"])
        #expect(ok.status == 0 && ok.stdout.isEmpty && ok.stderr.contains("Wrote the html report of \(id)"))
        #expect(try String(contentsOfFile: fx.repo + "/out/report.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        try fx.ok("report", id, "-o", "out/report.md")
        #expect(try String(contentsOfFile: fx.repo + "/out/report.md", encoding: .utf8).hasPrefix("# Filed"))

        for (args, message) in [(["report", "INC-ZZZZZZZZ"], "no incident INC-ZZZZZZZZ"),
                                (["report", id, "--format", "pdf"], "--format: 'pdf' is not one of markdown, html"),
                                (["report"], "Missing expected argument")] {
            let r = try fx.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }
}
