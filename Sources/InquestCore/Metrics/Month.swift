/// A calendar month, `2026-11`, for grouping incidents by when they started.
public struct Month: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int64
    public let month: Int64

    public init(_ day: Day) {
        let (y, m, _) = Civil.fromDays(day.days)
        year = y
        month = m
    }

    public init(year: Int64, month: Int64) {
        self.year = year
        self.month = month
    }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(m)"
    }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }

    /// Every month from `first` to `last`, both included, so charts show empty months too.
    public static func range(_ first: Month, _ last: Month) -> [Month] {
        var out: [Month] = []
        var m = first
        while m <= last {
            out.append(m)
            m = m.next
        }
        return out
    }

    static let shortNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Nov 2026`, for chart labels.
    public var shortName: String { "\(Self.shortNames[Int(month - 1)]) \(year)" }
}

extension Incident {
    /// The time an incident is filed under in statistics: when it started, else when it was
    /// recorded.
    public var startedOrCreated: Timestamp { started ?? created }
}

extension IncidentSummary {
    /// As `Incident.startedOrCreated`.
    public var startedOrCreated: Timestamp { started ?? created }
}
