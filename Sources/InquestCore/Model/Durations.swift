/// Durations derived from an incident's times; never stored. A duration whose start or end
/// is unknown, or that would be negative or zero, is nil ("unknown"), never zero or negative:
/// an end equal to the start is almost always a time copied for want of the real one, and a
/// zero would drag every median towards it.
public struct Durations: Hashable, Sendable {
    public var toDetect: Int64?
    public var toContain: Int64?
    public var toResolve: Int64?

    public init(_ incident: Incident) {
        func span(_ end: Timestamp?) -> Int64? {
            guard let start = incident.started, let end, end.seconds > start.seconds else { return nil }
            return end.seconds - start.seconds
        }
        toDetect = span(incident.detected)
        toContain = span(incident.contained)
        toResolve = span(incident.resolved)
    }
}
