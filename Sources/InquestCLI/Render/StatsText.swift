import InquestCore

/// `inquest stats` for people.
enum StatsText {
    static func render(_ s: Statistics) -> String {
        var out = "Incidents: \(s.incidentCount)"
        if let since = s.since { out += " (started on or after \(since))" }
        out += "\n\nTime to detect, contain and resolve (median and 90th percentile, nearest-rank; n = incidents with that time)\n"
        var table = Table(["GROUP", "INCIDENTS", "DETECT", "P90", "N", "CONTAIN", "P90", "N", "RESOLVE", "P90", "N"])
        func add(_ name: String, _ d: Statistics.Durations) {
            var row = [name, String(d.incidents)]
            for spread in [d.detect, d.contain, d.resolve] {
                row += [show(spread.median), show(spread.p90), String(spread.count)]
            }
            table.add(row)
        }
        add("all", s.overall)
        for (severity, d) in s.bySeverity { add(severity.rawValue, d) }
        for (month, d) in s.byMonth { add(month.description, d) }
        out += table.render()

        out += "\nFindings by category\n"
        var findings = Table(["CATEGORY", "FINDINGS"])
        for (category, count) in s.findingsByCategory {
            findings.add([category?.rawValue ?? "uncategorized", String(count)])
        }
        out += findings.render()

        let f = s.followUps
        out += "\nFollow-ups: \(f.opened) opened, \(f.closed) closed, \(f.open) open, \(f.overdue) overdue"
        out += "; median age of open ones: \(f.medianOpenAgeDays.map { "\($0) days" } ?? "none open")\n"

        out += "\nFull postmortems not approved \(s.staleAfterDays) days after they started: \(s.stalePostmortems.count)\n"
        if !s.stalePostmortems.isEmpty {
            var stale = Table(["ID", "SEV", "STATUS", "DAYS", "TITLE"])
            for p in s.stalePostmortems {
                stale.add([p.id.description, p.severity.rawValue, p.status.rawValue, String(p.ageDays), p.title])
            }
            out += stale.render()
        }
        return out
    }

    static func show(_ v: Int64?) -> String { v.map(humanDuration) ?? "-" }
}
