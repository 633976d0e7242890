/// The numbers of `inquest stats` and of the site's metrics page, computed from the
/// incidents of one snapshot. Durations are in seconds; percentiles are nearest-rank.
public struct Statistics: Sendable {
    /// Time to detect, contain and resolve over a group of incidents.
    public struct Durations: Hashable, Sendable {
        public let incidents: Int
        public let detect: Spread
        public let contain: Spread
        public let resolve: Spread

        init(_ incidents: [IncidentSummary]) {
            self.incidents = incidents.count
            let span = InquestCore.Durations.span
            detect = Spread(incidents.compactMap { span($0.started, $0.detected) })
            contain = Spread(incidents.compactMap { span($0.started, $0.contained) })
            resolve = Spread(incidents.compactMap { span($0.started, $0.resolved) })
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
                needsFullPostmortem: (IncidentSummary) -> Bool) {
        self.init(Input(bundles: bundles, today: today, since: since), today: today, since: since,
                  staleAfterDays: staleAfterDays, needsFullPostmortem: needsFullPostmortem)
    }

    /// What the numbers are computed from: the incidents counted (those `since` keeps), and
    /// their findings and follow-ups already counted. The index gathers it with SQL
    /// (`RecordIndex.statisticsInput`); without one, it is counted from the records.
    public struct Input: Sendable {
        public var incidents: [IncidentSummary]
        public var findingsByCategory: [FindingCategory?: Int]
        public var followUps: FollowUps

        public init(incidents: [IncidentSummary], findingsByCategory: [FindingCategory?: Int], followUps: FollowUps) {
            self.incidents = incidents
            self.findingsByCategory = findingsByCategory
            self.followUps = followUps
        }

        public init(bundles: [IncidentBundle], today: Day, since: Day?) {
            let counted = bundles.filter { b in since.map { b.incident.startedOrCreated.day >= $0 } ?? true }
            incidents = counted.map { IncidentSummary($0.incident) }
            findingsByCategory = [:]
            for f in counted.flatMap(\.findings) { findingsByCategory[f.category, default: 0] += 1 }
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
        }
    }

    public init(_ input: Input, today: Day, since: Day?, staleAfterDays: Int,
                needsFullPostmortem: (IncidentSummary) -> Bool) {
        let incidents = input.incidents
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

        let categories = input.findingsByCategory
        findingsByCategory = (FindingCategory.allCases.map { Optional($0) } + [nil]).compactMap { c in
            let n = categories[c] ?? 0
            return c == nil && n == 0 ? nil : (c, n)
        }
        followUps = input.followUps

        stalePostmortems = incidents.compactMap { i in
            guard needsFullPostmortem(i), i.status.rank < IncidentStatus.approved.rank else { return nil }
            let age = today.days - i.startedOrCreated.day.days
            guard age >= Int64(staleAfterDays) else { return nil }
            return StalePostmortem(id: i.id, title: i.title, severity: i.severity, status: i.status, ageDays: age)
        }.sorted { ($0.ageDays, $1.id) > ($1.ageDays, $0.id) }
    }

    public var incidentCount: Int { overall.incidents }
}
