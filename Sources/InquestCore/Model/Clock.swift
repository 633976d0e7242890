import Foundation

/// "Now" for every part of Inquest: the machine's clock, or the one `INQUEST_NOW` pins (any
/// time form `Timestamp.parse` reads), for tests and reproducible examples. One function, so
/// the CLI, its writes and the hooks' "no time in the future" rule cannot disagree.
public enum Clock {
    public static func now(_ environment: [String: String]) -> Date {
        if let pinned = environment["INQUEST_NOW"], let t = Timestamp.parse(pinned, now: Date()) { return t.date }
        return Date()
    }
}
