import GitKit
import GRDB

/// The readers that SQL answers whole: the `followups` table and its summary line, and the
/// inputs of `stats`. They read only the columns printed or counted, from the covering
/// indexes of `records` (`IndexSchema`), and count in SQL, so no record value is built for
/// the thousands of rows they cover. Each keeps the direct readers' rules exactly (the
/// consistency tests compare their output with `--no-index`):
/// - a follow-up or finding counts only under a folder whose `incident.md` was read (the
///   join with `incidents`), as the direct readers pair them;
/// - a time's day is `floor(seconds / 86400)`, so "on day D or later" is
///   `seconds >= D * 86400` and "on day D or earlier" is `seconds < (D + 1) * 86400`.
extension RecordIndex {
    /// `status IN (…)` for the statuses that are resolved (`FollowUpStatus.isResolved`).
    static let resolvedStatuses = FollowUpStatus.allCases.filter(\.isResolved).map { "'\($0.rawValue)'" }
        .joined(separator: ", ")

    /// The follow-ups `filter` keeps, soonest due first (no due date last), then by ID.
    func followUpListing(_ filter: Postmortems.FollowUpFilter, today: Day, at commit: OID) -> [FollowUpListing]? {
        var conditions = ["r.kind = 'FU'"]
        var arguments: [DatabaseValueConvertible] = []
        let resolved = Self.resolvedStatuses
        if filter.openOnly { conditions.append("r.status NOT IN (\(resolved))") }
        if filter.overdueOnly {
            conditions.append("r.status NOT IN (\(resolved)) AND r.due < ?")
            arguments.append(today.days)
        }
        if filter.owner != nil { conditions.append("r.owner IS NOT NULL") }
        if let days = filter.staleDays {
            // Stale: last reviewed (else opened) on day `today - days` or earlier. With more
            // days than the calendar holds nothing is stale.
            let (threshold, overflow) = (today.days + 1 - Int64(days)).multipliedReportingOverflow(by: 86400)
            conditions.append("r.status NOT IN (\(resolved)) AND coalesce(r.last_reviewed, r.created, i.created) < ?")
            arguments.append(overflow ? Int64.min : threshold)
        }
        if let day = filter.dueBefore {
            conditions.append("r.due < ?")
            arguments.append(day.days)
        }
        let sql = """
            SELECT r.id, r.parent, i.id, r.status, r.priority, r.due, r.owner, r.title
            FROM records r JOIN incidents i ON i.dir = r.dir
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY r.due IS NULL, r.due, r.id
            """
        let owner = filter.owner?.lowercased()
        return query(at: commit, layers: Layer.allCases) { db in
            var out: [FollowUpListing] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                let fuOwner: String? = row[6]
                if let owner, fuOwner?.lowercased() != owner { continue }
                guard let id = RecordID(indexed: row[0]), let folder = RecordID(indexed: row[2]) else { continue }
                out.append(FollowUpListing(
                    id: id, incident: (row[1] as String?).flatMap(RecordID.init(indexed:)) ?? folder,
                    status: (row[3] as String?).flatMap(FollowUpStatus.init(rawValue:)) ?? .open,
                    priority: (row[4] as String?).flatMap(Priority.init(rawValue:)),
                    due: (row[5] as Int64?).map(Day.init(days:)), owner: fuOwner, title: row[7] ?? ""))
            }
            return out
        }
    }

    /// The counts of `FollowUpSummary`, over every follow-up or one owner's (compared
    /// ignoring case, as Swift lowercases: SQLite's `lower` knows only ASCII, so the counts
    /// come grouped by owner and the groups are added here).
    func followUpCounts(owner: String?, today: Day, at commit: OID) -> FollowUpSummary? {
        let month = Month(today)
        let next = month.next
        let resolved = Self.resolvedStatuses
        let sql = """
            SELECT r.owner, count(*) FILTER (WHERE r.status NOT IN (\(resolved))),
                count(*) FILTER (WHERE r.status NOT IN (\(resolved)) AND r.due < ?),
                count(*) FILTER (WHERE r.status = '\(FollowUpStatus.done.rawValue)' AND r.resolved_at >= ? AND r.resolved_at < ?)
            FROM records r JOIN incidents i ON i.dir = r.dir WHERE r.kind = 'FU' GROUP BY r.owner
            """
        let arguments: StatementArguments = [today.days, Civil.toDays(month.year, month.month, 1) * 86400,
                                             Civil.toDays(next.year, next.month, 1) * 86400]
        let wanted = owner?.lowercased()
        return query(at: commit, layers: Layer.allCases) { db in
            var summary = FollowUpSummary(open: 0, overdue: 0, doneThisMonth: 0)
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                if let wanted, (row[0] as String?)?.lowercased() != wanted { continue }
                summary.open += row[1] as Int
                summary.overdue += row[2] as Int
                summary.doneThisMonth += row[3] as Int
            }
            return summary
        }
    }

    /// What `Statistics` is computed from, counted in SQL: the incidents that started (else
    /// were recorded) on or after `since`, the categories of their findings, and the counts
    /// and median open age of their follow-ups.
    func statisticsInput(since: Day?, today: Day, at commit: OID) -> Statistics.Input? {
        // `started ?? created` on `since` or later; `started` is NULL when not given or unknown.
        let counted = "coalesce(i.started, i.created) >= ?"
        let from: Int64 = since.map { $0.days * 86400 } ?? Int64.min
        let resolved = Self.resolvedStatuses
        return query(at: commit, layers: Layer.allCases) { db in
            var incidents: [IncidentSummary] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.summaryColumns(of: "i")) FROM incidents i WHERE \(counted)",
                                             arguments: [from])
            while let row = try cursor.next() {
                if let s = Self.summary(row) { incidents.append(s) }
            }

            var categories: [FindingCategory?: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.category, count(*) FROM records r JOIN incidents i ON i.dir = r.dir
                WHERE r.kind = 'F' AND \(counted) GROUP BY r.category
                """, arguments: [from]) {
                categories[(row[0] as String?).flatMap(FindingCategory.init(rawValue:)), default: 0] += row[1] as Int
            }

            var fus = Statistics.FollowUps()
            let followUps = "FROM records r JOIN incidents i ON i.dir = r.dir WHERE r.kind = 'FU' AND \(counted)"
            if let row = try Row.fetchOne(db, sql: """
                SELECT count(*), count(*) FILTER (WHERE r.status IN (\(resolved))),
                    count(*) FILTER (WHERE r.status NOT IN (\(resolved)) AND r.due < ?)
                \(followUps)
                """, arguments: [today.days, from]) {
                fus.opened = row[0]
                fus.closed = row[1]
                fus.overdue = row[2]
            }
            fus.open = fus.opened - fus.closed
            if fus.open > 0 {
                // Nearest-rank median of the days each open one has been open: its age falls
                // as the time it was opened rises, so the k-th smallest age belongs to the
                // k-th latest opening.
                let rank = max(1, (50 * fus.open + 99) / 100)
                if let opened = try Int64.fetchOne(db, sql: """
                    SELECT coalesce(r.created, i.created) AS opened \(followUps) AND r.status NOT IN (\(resolved))
                    ORDER BY opened DESC LIMIT 1 OFFSET ?
                    """, arguments: [from, rank - 1]) {
                    fus.medianOpenAgeDays = max(0, today.days - Timestamp(seconds: opened).day.days)
                }
            }
            return Statistics.Input(incidents: incidents, findingsByCategory: categories, followUps: fus)
        }
    }
}
