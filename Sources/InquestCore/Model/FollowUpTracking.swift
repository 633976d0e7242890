/// What tracking a follow-up until it is resolved needs to know about its dates.
extension FollowUp {
    /// When it was opened: its own `created`, else (older records) its incident's creation.
    public func opened(in incident: Incident) -> Timestamp {
        created ?? incident.created
    }

    /// When it was closed, if it is resolved: `resolved_at`, else (older records) its last
    /// review, else when it was opened, the only dates the record has.
    public func closed(in incident: Incident) -> Timestamp? {
        guard status.isResolved else { return nil }
        return resolvedAt ?? lastReviewed ?? opened(in: incident)
    }

    /// Unresolved and not looked at for `days` days or more, counted from the last review;
    /// one never reviewed counts from when it was opened, so a new follow-up is not stale on
    /// its first day, and an old one nobody ever reviewed is.
    public func isStale(days: Int, today: Day, incident: Incident) -> Bool {
        guard !status.isResolved else { return false }
        let since = lastReviewed ?? opened(in: incident)
        return today.days - since.day.days >= Int64(days)
    }

    /// Whole days it has been open on `today` (0 on the day it was opened).
    public func ageDays(today: Day, incident: Incident) -> Int64 {
        max(0, today.days - opened(in: incident).day.days)
    }
}
