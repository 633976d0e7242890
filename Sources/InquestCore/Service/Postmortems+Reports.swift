/// Reading the branch for reports, statistics and the site: each works on one snapshot, so
/// what it shows is the branch at one commit.
extension Postmortems {
    /// The postmortem report of one incident.
    public func report(_ idText: String) throws -> PostmortemReport {
        PostmortemReport(try bundle(idText), today: today)
    }

    /// Every incident with its records. `progress` hears how many are read, every
    /// `every` incidents and at the end.
    public func allBundles(in snapshot: Snapshot, every: Int = 100,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> [IncidentBundle] {
        let locations = try snapshot.incidents()
        var out: [IncidentBundle] = []
        out.reserveCapacity(locations.count)
        for (n, loc) in locations.enumerated() {
            out.append(try snapshot.bundle(loc))
            if (n + 1) % every == 0 || n + 1 == locations.count { progress(n + 1, locations.count) }
        }
        return out
    }

    /// The statistics of `inquest stats`, under the branch's own policy.
    public func statistics(since: Day?, staleAfterDays: Int) throws -> Statistics {
        let snap = try snapshot()
        let rules = try validator(snap).rules
        // The index holds every field statistics read, so nothing is parsed when it serves.
        let bundles = try snap.commit.flatMap { snap.index?.statisticsBundles(at: $0) } ?? allBundles(in: snap)
        return Statistics(bundles: bundles, today: today, since: since,
                          staleAfterDays: staleAfterDays, needsFullPostmortem: rules.needsFullPostmortem)
    }

    /// The counts `inquest followups` prints: all follow-ups, or one owner's.
    public func followUpSummary(owner: String?) throws -> FollowUpSummary {
        let snap = try snapshot()
        let all = try snap.commit.flatMap { c in snap.index?.followUpRows(at: c)?.map { ($0.incident, $0.followUp) } }
            ?? snap.allFollowUps()
        let items = all.filter { pair in
            owner.map { pair.followUp.owner?.lowercased() == $0.lowercased() } ?? true
        }
        return FollowUpSummary(items, today: today)
    }

    /// A site builder over the whole branch; `progress` hears about reading the incidents.
    public func site(staleAfterDays: Int = 30,
                     progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> SiteBuilder {
        let snap = try snapshot()
        let rules = try validator(snap).rules
        let bundles = try allBundles(in: snap, progress: progress)
        let stats = Statistics(bundles: bundles, today: today, since: nil, staleAfterDays: staleAfterDays,
                               needsFullPostmortem: rules.needsFullPostmortem)
        return SiteBuilder(bundles: bundles, today: today, statistics: stats)
    }
}
