import GitKit

/// One line of the `list` table: only what it shows.
public struct ListingRow: Sendable {
    public let id: RecordID
    public let severity: Severity
    public let status: IncidentStatus
    /// When it started (or, not known, when it was recorded): the sort key and the STARTED day.
    public let since: Timestamp
    public let owner: String?
    public let title: String
}

extension Postmortems {
    /// The rows of `list`, newest first, in exactly the order of `incidents(_:limit:)`.
    /// With the index current and no filter, SQLite sorts six columns and nothing else is
    /// built; at ten thousand incidents that was a quarter of `list`. Otherwise the rows
    /// come from `incidents`.
    public func listing(_ filter: RecordFilter, limit: Int? = nil) throws -> [ListingRow] {
        let snap = try snapshot()
        if filter.keepsAll, let index = snap.index, let commit = snap.commit,
           let rows = index.listing(at: commit, limit: limit) {
            return rows
        }
        return try incidents(filter, limit: limit).map { i, _ in
            ListingRow(id: i.id, severity: i.severity, status: i.status, since: i.started ?? i.created,
                       owner: i.owner, title: i.title)
        }
    }
}
