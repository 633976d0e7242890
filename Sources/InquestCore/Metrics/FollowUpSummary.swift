/// The counts `inquest followups` prints on stderr, and the tracker page shows.
public struct FollowUpSummary: Hashable, Sendable {
    /// Not done and not not-doing.
    public var open = 0
    /// Open and past their due date.
    public var overdue = 0
    /// Marked done (status `done`) with `resolved_at` in today's calendar month (UTC).
    public var doneThisMonth = 0

    public init(open: Int, overdue: Int, doneThisMonth: Int) {
        self.open = open
        self.overdue = overdue
        self.doneThisMonth = doneThisMonth
    }

    public init(_ items: [(incident: Incident, followUp: FollowUp)], today: Day) {
        let month = Month(today)
        for (_, fu) in items {
            if !fu.status.isResolved { open += 1 }
            if fu.isOverdue(today: today) { overdue += 1 }
            if fu.status == .done, let at = fu.resolvedAt, Month(at.day) == month { doneThisMonth += 1 }
        }
    }

    /// `3 open, 1 overdue, 2 done this month`.
    public var line: String { "\(open) open, \(overdue) overdue, \(doneThisMonth) done this month" }
}
