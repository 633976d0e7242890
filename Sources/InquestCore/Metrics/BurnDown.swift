/// Open follow-ups over time, one point a week ending today, for the burn-down chart.
public struct BurnDown: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        /// The end of the week the count is taken at.
        public let day: Day
        /// Follow-ups opened on or before `day` and not closed by then.
        public let open: Int
        /// Of those, the ones due before `day`.
        public let overdue: Int
        /// Opened in the week that ends on `day`.
        public let opened: Int
        /// Closed in the week that ends on `day`.
        public let closed: Int
    }

    public let points: [Point]

    /// - Parameter maxWeeks: how far back the chart goes at most; it starts at the week of the
    ///   first follow-up when that is later.
    ///   - dueHistory: the due dates as they were at each point in time; without it,
    ///     today's due dates are used for every week.
    public init(_ items: [(incident: Incident, followUp: FollowUp)], today: Day, maxWeeks: Int = 52,
                dueHistory: DueHistory? = nil) {
        let spans = items.map { item -> (id: String, opened: Int64, closed: Int64?, due: Int64?) in
            (item.followUp.id.description, item.followUp.opened(in: item.incident).day.days,
             item.followUp.closed(in: item.incident)?.day.days, item.followUp.due?.days)
        }
        guard let first = spans.map(\.opened).min() else {
            points = []
            return
        }
        let weeks = Int(min(Int64(maxWeeks), max(0, (today.days - first + 6) / 7)))
        var out: [Point] = []
        for w in stride(from: weeks, through: 0, by: -1) {
            let end = today.days - Int64(w) * 7
            let start = end - 6
            var open = 0, overdue = 0, opened = 0, closed = 0
            for s in spans {
                if s.opened <= end && (s.closed.map { $0 > end } ?? true) {
                    open += 1
                    let then = dueHistory?.due(of: s.id, on: Day(days: end)).map { $0?.days } ?? s.due
                    if let due = then, due < end { overdue += 1 }
                }
                if s.opened >= start && s.opened <= end { opened += 1 }
                if let c = s.closed, c >= start && c <= end { closed += 1 }
            }
            out.append(Point(day: Day(days: end), open: open, overdue: overdue, opened: opened, closed: closed))
        }
        points = out
    }
}
