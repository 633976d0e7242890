/// The numbers of `inquest stats` and of the site's metrics page, computed from the
/// incidents of one snapshot. Durations are in seconds; percentiles are nearest-rank.
public struct Statistics: Sendable {
    /// Time to detect, contain and resolve over a group of incidents.
    public struct Durations: Hashable, Sendable {
        public let incidents: Int
        public let detect: Spread
        public let contain: Spread
        public let resolve: Spread

        init(_ incidents: [Incident]) {
            let all = incidents.map { InquestCore.Durations($0) }
            self.incidents = incidents.count
            detect = Spread(all.compactMap(\.toDetect))
            contain = Spread(all.compactMap(\.toContain))
            resolve = Spread(all.compactMap(\.toResolve))
        }
    }

    /// Follow-ups of the incidents counted.
    public struct FollowUps: Hashable, Sendable {
        public var opened = 0
        public var closed = 0
        public var open = 0
        public var overdue = 0
        /// Median (nearest-rank) of how many whole days each open follow-up has been open.
        public var medianOpenAgeDays: Int64?
    }

    /// An incident that needs a full postmortem and has not reached approved (or closed)
    /// `staleAfterDays` days after it started.
    public struct StalePostmortem: Hashable, Sendable {
        public let id: RecordID
        public let title: String
        public let severity: Severity
        public let status: IncidentStatus
        public let ageDays: Int64
    }

    public let since: Day?
    public let today: Day
    public let staleAfterDays: Int
    public let overall: Durations
    /// Every severity, worst first, including those with no incidents.
    public let bySeverity: [(severity: Severity, durations: Durations)]
    /// Every month from the first to the last incident counted, by the month it started.
    public let byMonth: [(month: Month, durations: Durations)]
    /// The six categories in their documented order, then `nil` (uncategorized).
    public let findingsByCategory: [(category: FindingCategory?, count: Int)]
    public let followUps: FollowUps
    public let stalePostmortems: [StalePostmortem]

    /// - Parameters:
    ///   - since: only incidents that started (else were recorded) on or after this day,
    ///     and their findings and follow-ups.
    ///   - needsFullPostmortem: the branch policy's rule (`PolicyRules.needsFullPostmortem`).
    public init(bundles: [IncidentBundle], today: Day, since: Day?, staleAfterDays: Int,
                needsFullPostmortem: (Incident) -> Bool) {
        let counted = bundles.filter { b in since.map { b.incident.startedOrCreated.day >= $0 } ?? true }
        let incidents = counted.map(\.incident)
        self.since = since
        self.today = today
        self.staleAfterDays = staleAfterDays
        overall = Durations(incidents)
        bySeverity = Severity.allCases.map { s in (s, Durations(incidents.filter { $0.severity == s })) }

        let months = Dictionary(grouping: incidents) { Month($0.startedOrCreated.day) }
        if let first = months.keys.min(), let last = months.keys.max() {
            byMonth = Month.range(first, last).map { m in (m, Durations(months[m] ?? [])) }
        } else {
            byMonth = []
        }

        var categories: [FindingCategory?: Int] = [:]
        for f in counted.flatMap(\.findings) { categories[f.category, default: 0] += 1 }
        findingsByCategory = (FindingCategory.allCases.map { Optional($0) } + [nil]).compactMap { c in
            let n = categories[c] ?? 0
            return c == nil && n == 0 ? nil : (c, n)
        }

        var fus = FollowUps()
        var ages: [Int64] = []
        for b in counted {
            for fu in b.followUps {
                fus.opened += 1
                if fu.status.isResolved {
                    fus.closed += 1
                } else {
                    fus.open += 1
                    ages.append(fu.ageDays(today: today, incident: b.incident))
                }
                if fu.isOverdue(today: today) { fus.overdue += 1 }
            }
        }
        fus.medianOpenAgeDays = NearestRank.median(ages)
        followUps = fus

        stalePostmortems = incidents.compactMap { i in
            guard needsFullPostmortem(i), i.status.rank < IncidentStatus.approved.rank else { return nil }
            let age = today.days - i.startedOrCreated.day.days
            guard age >= Int64(staleAfterDays) else { return nil }
            return StalePostmortem(id: i.id, title: i.title, severity: i.severity, status: i.status, ageDays: age)
        }.sorted { ($0.ageDays, $1.id) > ($1.ageDays, $0.id) }
    }

    public var incidentCount: Int { overall.incidents }
}
