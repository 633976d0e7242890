/// `inquest stats --json`: a documented contract like the other `--json` shapes (sorted
/// keys; durations in seconds, null when there is nothing to measure).
public enum StatsJSON {
    public static func render(_ s: Statistics) -> JSONValue {
        .object([
            "since": .text(s.since?.description),
            "today": .string(s.today.description),
            "percentile_method": .string("nearest-rank"),
            "incidents": .int(Int64(s.incidentCount)),
            "durations": .object([
                "overall": durations(s.overall),
                "by_severity": .object(Dictionary(uniqueKeysWithValues: s.bySeverity.map { ($0.severity.rawValue, durations($0.durations)) })),
                "by_month": .object(Dictionary(uniqueKeysWithValues: s.byMonth.map { ($0.month.description, durations($0.durations)) })),
            ]),
            "findings_by_category": .object(Dictionary(uniqueKeysWithValues: s.findingsByCategory.map {
                ($0.category?.rawValue ?? "uncategorized", JSONValue.int(Int64($0.count)))
            })),
            "followups": .object([
                "opened": .int(Int64(s.followUps.opened)),
                "closed": .int(Int64(s.followUps.closed)),
                "open": .int(Int64(s.followUps.open)),
                "overdue": .int(Int64(s.followUps.overdue)),
                "median_open_age_days": s.followUps.medianOpenAgeDays.map { .int($0) } ?? .null,
            ]),
            "stale_postmortems": .object([
                "after_days": .int(Int64(s.staleAfterDays)),
                "incidents": .array(s.stalePostmortems.map { p in
                    .object(["id": .string(p.id.description), "title": .string(p.title), "severity": .string(p.severity.rawValue),
                             "status": .string(p.status.rawValue), "age_days": .int(p.ageDays)])
                }),
            ]),
        ])
    }

    static func durations(_ d: Statistics.Durations) -> JSONValue {
        func spread(_ s: Spread) -> JSONValue {
            .object(["count": .int(Int64(s.count)), "median": s.median.map { .int($0) } ?? .null,
                     "p90": s.p90.map { .int($0) } ?? .null])
        }
        return .object(["incidents": .int(Int64(d.incidents)), "time_to_detect": spread(d.detect),
                        "time_to_contain": spread(d.contain), "time_to_resolve": spread(d.resolve)])
    }
}
