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

    /// Done after its due date: true or false once it is `done` with a known due date and
    /// completion time, nil otherwise (not done yet, or nothing to compare).
    public var wasDoneLate: Bool? {
        guard status == .done, let due, let resolvedAt else { return nil }
        return resolvedAt.day > due
    }

    /// The latest review that says something, for tables that have room for one note.
    public var latestNote: Review? {
        reviews.filter { $0.note?.isEmpty == false }.max { $0.date < $1.date }
    }

    /// The order a manager reads follow-ups in: unresolved first, then by priority (p1
    /// first, none last), then by due date (soonest first, none last), then by ID.
    public static func trackingOrder(_ a: FollowUp, _ b: FollowUp) -> Bool {
        func key(_ f: FollowUp) -> (Int, Int, Int64, String) {
            (f.status.isResolved ? 1 : 0, f.priority.flatMap { Priority.allCases.firstIndex(of: $0) } ?? Priority.allCases.count,
             f.due?.days ?? Int64.max, f.id.description)
        }
        return key(a) < key(b)
    }
}

/// "7 of 9 follow-ups done, 1 overdue": the line that opens a report and the tracker.
public struct FollowUpProgress: Sendable, Equatable {
    public var total = 0
    public var resolved = 0
    public var overdue = 0

    public init(_ followUps: [FollowUp], today: Day) {
        total = followUps.count
        resolved = followUps.filter { $0.status.isResolved }.count
        overdue = followUps.filter { $0.isOverdue(today: today) }.count
    }

    public var sentence: String {
        if total == 0 { return "No follow-ups yet." }
        var s = "\(resolved) of \(plural(total, "follow-up")) resolved"
        s += overdue == 0 ? ", none overdue." : ", \(overdue) overdue."
        return s
    }
}
