/// Reading the branch for reports, statistics and the site: each works on one snapshot, so
/// what it shows is the branch at one commit.
extension Postmortems {
    /// The postmortem report of one incident.
    public func report(_ idText: String) throws -> PostmortemReport {
        let b = try bundle(idText)
        var report = PostmortemReport(b, today: today, statuses: try approvalStatuses(b))
        report.fixes = try fixPhrases(b.followUps.map { (b.incident, $0) })
        return report
    }

    /// Where each follow-up's fix is, for those with a linked commit or URL.
    func fixPhrases(_ rows: [(incident: Incident, followUp: FollowUp)]) throws -> [RecordID: String] {
        guard !rows.isEmpty else { return [:] }
        var out: [RecordID: String] = [:]
        for d in try details(rows) where !d.proof.summary.isEmpty { out[d.followUp.id] = d.proof.summary }
        return out
    }

    /// Whether each approval of `bundle` counts as a sign-off, and why not. Empty when it
    /// has none, and on a branch that never had a trust root (signing is not in use there,
    /// so approvals are shown as recorded; the sign-off gate still counts none of them).
    public func approvalStatuses(_ bundle: IncidentBundle) throws -> [ApprovalStatus] {
        guard !bundle.incident.approvals.isEmpty, let tip = try store.tip else { return [] }
        let verifier = try self.verifier()
        defer { verifier.close() }
        guard try verifier.everHadRoots(upTo: tip) else { return [] }
        return try InquestCore.approvalStatuses(for: bundle, snapshot: try snapshot(), verifier: verifier)
    }

    /// Every incident with its records. `progress` hears how many are read, every
    /// `every` incidents and at the end.
    public func allBundles(in snapshot: Snapshot, every: Int = 100,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> [IncidentBundle] {
        let locations = try snapshot.incidents()
        var out: [IncidentBundle] = []
        out.reserveCapacity(locations.count)
        for (n, loc) in locations.enumerated() {
            if let b = try snapshot.orSkip(Layout.incidentPath(dir: loc.dir), { try snapshot.bundle(loc) }) { out.append(b) }
            if (n + 1) % every == 0 || n + 1 == locations.count { progress(n + 1, locations.count) }
        }
        return out
    }

    /// The statistics of `inquest stats`, under the branch's own policy.
    public func statistics(since: Day?, staleAfterDays: Int) throws -> Statistics {
        let snap = try snapshot()
        let rules = try validator(snap).rules
        // The index counts findings and follow-ups in SQL and gives the incidents' summaries,
        // so nothing is parsed when it serves.
        let input = try snap.commit.flatMap { snap.index?.statisticsInput(since: since, today: today, at: $0) }
            ?? Statistics.Input(bundles: allBundles(in: snap), today: today, since: since)
        return Statistics(input, today: today, since: since, staleAfterDays: staleAfterDays,
                          needsFullPostmortem: rules.needsFullPostmortem)
    }

    /// The counts `inquest followups` prints: all follow-ups, or one owner's.
    public func followUpSummary(owner: String?) throws -> FollowUpSummary {
        let snap = try snapshot()
        if let commit = snap.commit, let counts = snap.index?.followUpCounts(owner: owner, today: today, at: commit) {
            return counts
        }
        let all = try snap.allFollowUps()
        let items = all.filter { pair in
            owner.map { pair.followUp.owner?.lowercased() == $0.lowercased() } ?? true
        }
        return FollowUpSummary(items, today: today)
    }

    /// A site builder over the branch as it is now.
    public func site(staleAfterDays: Int = 30) throws -> SiteBuilder {
        let snap = try snapshot()
        let rules = try validator(snap).rules
        var site = SiteBuilder(snapshot: snap, today: today, staleAfterDays: staleAfterDays,
                               needsFullPostmortem: { rules.needsFullPostmortem($0) }, dueHistory: try dueHistory())
        site.fixes = try fixPhrases(try snap.allFollowUps())
        return site
    }
}
