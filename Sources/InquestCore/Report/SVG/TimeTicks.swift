/// Ticks for a time axis: a round step (minutes to years) that gives at most `maxTicks`
/// ticks over the range, and labels that name the day only when it changes.
struct TimeTicks {
    struct Tick {
        let at: Int64
        /// `09:30` or `Nov 28`.
        let label: String
        /// The day (`Nov 28`) or year under the label where it changes, else nil.
        let context: String?
    }

    static let steps: [Int64] = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
                                 86400, 172_800, 604_800, 1_209_600, 2_592_000, 7_776_000, 31_536_000]

    let ticks: [Tick]

    init(from start: Int64, to end: Int64, maxTicks: Int = 7) {
        let span = max(end - start, 1)
        let step = Self.steps.first { span / $0 <= Int64(maxTicks) } ?? Self.steps.last!
        var first = (start / step) * step
        if first < start { first += step }
        var ticks: [Tick] = []
        var lastContext: String?
        var t = first
        while t <= end {
            let stamp = Timestamp(seconds: t)
            let label: String
            let context: String
            if step < 86400 {
                label = Self.clock(stamp)
                context = Self.dayName(stamp.day)
            } else {
                label = Self.dayName(stamp.day)
                context = String(Civil.fromDays(stamp.day.days).0)
            }
            ticks.append(Tick(at: t, label: label, context: context == lastContext ? nil : context))
            lastContext = context
            t += step
        }
        self.ticks = ticks
    }

    /// `09:05`
    static func clock(_ t: Timestamp) -> String {
        let rem = t.seconds - t.day.days * 86400
        let h = rem / 3600, m = rem / 60 % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// `Nov 28`
    static func dayName(_ d: Day) -> String {
        let (_, m, day) = Civil.fromDays(d.days)
        return "\(Month.shortNames[Int(m - 1)]) \(day)"
    }
}
