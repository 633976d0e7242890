/// Metrics people can see: how fast incidents are detected and resolved over time, what
/// kinds of findings keep coming back, and whether follow-ups are getting done. The numbers
/// are those of `inquest stats`; every chart has its table.
enum MetricsPage {
    static func render(_ stats: Statistics, burnDown: BurnDown, today: Day) -> String {
        PageShell.page(title: "Metrics — Inquest", nav: SitePages.nav(current: SitePages.metrics, depth: 0),
                       generated: today) { w in
            w.element("h1", text: "Metrics")
            w.element("p", ["class": "summary-line"],
                      text: "Medians and 90th percentiles are nearest-rank: always a value some incident really had.")
            tiles(stats, &w)
            durationsOverTime(stats, &w)
            bySeverity(stats, &w)
            findings(stats, &w)
            followUps(stats, burnDown: burnDown, &w)
            stale(stats, &w)
        }
    }

    static func tiles(_ stats: Statistics, _ w: inout HTMLWriter) {
        let o = stats.overall
        let tiles: [(String, String)] = [
            ("Incidents", String(stats.incidentCount)),
            ("Median time to detect", o.detect.median.map(humanDuration) ?? "unknown"),
            ("Median time to resolve", o.resolve.median.map(humanDuration) ?? "unknown"),
            ("Open follow-ups", String(stats.followUps.open)),
            ("Overdue follow-ups", String(stats.followUps.overdue)),
        ]
        w.element("dl", ["class": "tiles"]) { w in
            for (title, value) in tiles {
                w.element("div", ["class": "tile"]) { w in
                    w.element("dt", text: title)
                    w.element("dd", ["class": value == "unknown" ? "unknown" : nil], text: value)
                }
            }
        }
    }

    static func durationsOverTime(_ stats: Statistics, _ w: inout HTMLWriter) {
        w.element("section", ["id": "durations"]) { w in
            w.element("h2", text: "Time to detect and resolve, by month started")
            guard !stats.byMonth.isEmpty else {
                w.element("p", ["class": "empty"], text: "No incidents yet.")
                return
            }
            w.open("figure")
            LineChartSVG(id: "chart-durations", title: "Median time to detect and to resolve by month started",
                         xLabels: stats.byMonth.map(\.month.shortName),
                         series: [.init(name: "median time to detect", values: stats.byMonth.map { $0.durations.detect.median.map(Double.init) }),
                                  .init(name: "median time to resolve", values: stats.byMonth.map { $0.durations.resolve.median.map(Double.init) })],
                         axis: .durations).write(into: &w)
            w.element("figcaption", text: "On a log scale, so minutes and days both show. A gap means no incident started that month with that time recorded.")
            w.close("figure")
            durationTable(firstColumn: "Month", rows: stats.byMonth.map { ($0.month.description, $0.durations) }, &w)
        }
    }

    static func bySeverity(_ stats: Statistics, _ w: inout HTMLWriter) {
        w.element("section", ["id": "severity"]) { w in
            w.element("h2", text: "By severity")
            durationTable(firstColumn: "Severity", rows: stats.bySeverity.map { ($0.severity.rawValue, $0.durations) }, &w)
        }
    }

    static func durationTable(firstColumn: String, rows: [(String, Statistics.Durations)], _ w: inout HTMLWriter) {
        func show(_ v: Int64?) -> String { v.map(humanDuration) ?? "—" }
        let headers = [firstColumn, "Incidents", "Detect median", "Detect p90", "Contain median", "Contain p90",
                       "Resolve median", "Resolve p90"]
        w.table(headers: headers) { w in
            for (name, d) in rows {
                w.element("tr") { w in
                    w.element("th", ["scope": "row"], text: name)
                    w.element("td", ["class": "num"], text: String(d.incidents))
                    for s in [d.detect, d.contain, d.resolve] {
                        w.element("td", ["class": "num"], text: show(s.median))
                        w.element("td", ["class": "num"], text: show(s.p90))
                    }
                }
            }
        }
    }

    static func findings(_ stats: Statistics, _ w: inout HTMLWriter) {
        w.element("section", ["id": "findings"]) { w in
            w.element("h2", text: "Findings by category")
            let bars = stats.findingsByCategory.map { (label: $0.category?.title ?? "Uncategorized", value: $0.count) }
            w.open("figure")
            BarChartSVG(id: "chart-findings", title: "Number of findings in each category", bars: bars).write(into: &w)
            w.close("figure")
            w.element("details") { w in
                w.element("summary", text: "As a table")
                w.element("table") { w in
                    w.element("thead") { w in
                        w.element("tr") { w in
                            w.element("th", ["scope": "col"], text: "Category")
                            w.element("th", ["scope": "col"], text: "Findings")
                        }
                    }
                    w.element("tbody") { w in
                        for bar in bars {
                            w.element("tr") { w in
                                w.element("th", ["scope": "row"], text: bar.label)
                                w.element("td", ["class": "num"], text: String(bar.value))
                            }
                        }
                    }
                }
            }
        }
    }

    static func followUps(_ stats: Statistics, burnDown: BurnDown, _ w: inout HTMLWriter) {
        let f = stats.followUps
        w.element("section", ["id": "followups"]) { w in
            w.element("h2", text: "Follow-up burn-down")
            w.element("p", text: "\(f.opened) opened, \(f.closed) closed, \(f.open) open, \(f.overdue) overdue; "
                + "median age of open follow-ups: \(f.medianOpenAgeDays.map { "\($0) days" } ?? "none open").")
            guard !burnDown.points.isEmpty else {
                w.element("p", ["class": "empty"], text: "No follow-ups yet.")
                return
            }
            let labels = burnDown.points.map { TimeTicks.dayName($0.day) }
            w.open("figure")
            LineChartSVG(id: "chart-burndown", title: "Open follow-ups at the end of each week",
                         xLabels: labels,
                         series: [.init(name: "open", values: burnDown.points.map { Double($0.open) }),
                                  .init(name: "of them overdue", values: burnDown.points.map { Double($0.overdue) })],
                         axis: .linear(unit: "follow-ups")).write(into: &w)
            w.element("figcaption", text: "Follow-ups open at the end of each week (weeks end on the day shown), and how many of those were past their due date.")
            w.close("figure")
            w.element("details") { w in
                w.element("summary", text: "Week by week")
                w.table(headers: ["Week ending", "Open", "Overdue", "Opened", "Closed"]) { w in
                    for p in burnDown.points {
                        w.element("tr") { w in
                            w.element("th", ["scope": "row"], text: p.day.description)
                            for v in [p.open, p.overdue, p.opened, p.closed] { w.element("td", ["class": "num"], text: String(v)) }
                        }
                    }
                }
            }
        }
    }

    static func stale(_ stats: Statistics, _ w: inout HTMLWriter) {
        w.element("section", ["id": "stale"]) { w in
            w.element("h2", text: "Postmortems still not approved after \(stats.staleAfterDays) days")
            guard !stats.stalePostmortems.isEmpty else {
                w.element("p", ["class": "empty"], text: "None: every incident that needs a full postmortem has one approved in time.")
                return
            }
            w.table(headers: ["Incident", "Severity", "Status", "Days since it started"]) { w in
                for s in stats.stalePostmortems {
                    w.element("tr") { w in
                        w.element("td") { w in
                            w.element("a", ["href": SitePages.incident(s.id)], text: s.title)
                            w.void("br")
                            w.element("span", ["class": "muted"], text: s.id.description)
                        }
                        w.element("td") { w in w.element("span", ["class": "badge \(s.severity.rawValue)"], text: s.severity.rawValue) }
                        w.element("td", text: s.status.rawValue)
                        w.element("td", ["class": "num"], text: String(s.ageDays))
                    }
                }
            }
        }
    }
}
