/// Durations derived from an incident's times; never stored. A duration whose start or end
/// is unknown, or that would be negative or zero, is nil ("unknown"), never zero or negative:
/// an end equal to the start is almost always a time copied for want of the real one, and a
/// zero would drag every median towards it.
///
/// A duration with an end known only to the day is approximate: it is measured between the
/// days' starts, and says so wherever it is shown (`≈13 days`).
public struct Durations: Hashable, Sendable {
    public var toDetect: Int64?
    public var toContain: Int64?
    public var toResolve: Int64?
    /// The durations (`time_to_detect`…) computed from a time known only to the day.
    public var approximate: Set<String> = []

    /// From `start` to `end`, in seconds, when both are known and `end` is later.
    public static func span(_ start: Timestamp?, _ end: Timestamp?) -> Int64? {
        guard let start, let end else { return nil }
        if start.isDayOnly || end.isDayOnly {
            // Compare whole days: a day-only time says nothing of the hour.
            let days = end.day.days - start.day.days
            return days > 0 ? days * 86400 : nil
        }
        return end.seconds > start.seconds ? end.seconds - start.seconds : nil
    }

    public init(_ incident: Incident) {
        let start = incident.started
        toDetect = Self.span(start, incident.detected)
        toContain = Self.span(start, incident.contained)
        toResolve = Self.span(start, incident.resolved)
        for (name, end, value) in [("time_to_detect", incident.detected, toDetect),
                                   ("time_to_contain", incident.contained, toContain),
                                   ("time_to_resolve", incident.resolved, toResolve)]
        where value != nil && (start?.isDayOnly == true || end?.isDayOnly == true) {
            approximate.insert(name)
        }
    }

    /// For people: the duration, `≈N days` when approximate, or `unknown`.
    public func text(_ name: String) -> String {
        let value: Int64?
        switch name {
        case "time_to_detect": value = toDetect
        case "time_to_contain": value = toContain
        default: value = toResolve
        }
        guard let value else { return "unknown" }
        return humanDuration(value, approximate: approximate.contains(name))
    }
}
