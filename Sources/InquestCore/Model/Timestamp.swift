import Foundation

/// A moment in UTC, as precise as what is known: to the second, written
/// `2026-11-28T10:03:00Z`, or only the day, written `2022-12-16` (no invented midnight).
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How much of the time is known. A day is stored as its first second, so it sorts at
    /// the start of that day, and anything computed from it says it is approximate.
    public enum Precision: Sendable, Hashable { case day, second }

    public let seconds: Int64
    public let precision: Precision

    public init(seconds: Int64, precision: Precision = .second) {
        self.seconds = precision == .day ? Int64((Double(seconds) / 86400).rounded(.down)) * 86400 : seconds
        self.precision = precision
    }
    public init(_ date: Date) { self.init(seconds: Int64(date.timeIntervalSince1970.rounded(.down))) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    public var day: Day { Day(days: Int64((Double(seconds) / 86400).rounded(.down))) }
    /// Only the day is known.
    public var isDayOnly: Bool { precision == .day }

    public var description: String {
        if precision == .day { return day.description }
        return secondsText
    }

    private var secondsText: String {
        let days = Int64((Double(seconds) / 86400).rounded(.down))
        let rem = seconds - days * 86400
        let (y, m, d) = Civil.fromDays(days)
        guard let text = Civil.digits([(y, 4, "-"), (m, 2, "-"), (d, 2, "T"), (rem / 3600, 2, ":"),
                                       (rem / 60 % 60, 2, ":"), (rem % 60, 2, "Z")]) else {
            return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d, rem / 3600, rem / 60 % 60, rem % 60)
        }
        return text
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    /// A compact, sortable form for file names: `20261128T100300Z` (a day: its first second).
    public var compact: String {
        secondsText.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// Accepts `now`, a date (kept as a day: only the day is known), and ISO 8601 date-times with `T` or a space,
    /// minutes or seconds (fractions dropped), and `Z`, `+hh:mm`, `+hhmm` or no zone (UTC).
    public static func parse(_ raw: String, now: Date) -> Timestamp? {
        let text = raw.trimmedSpaces
        if text.count == 3, text.lowercased() == "now" { return Timestamp(now) }
        let chars = Array(text.utf8)
        var i = 0
        func number(_ n: Int) -> Int64? {
            guard i + n <= chars.count else { return nil }
            var v: Int64 = 0
            for k in i..<(i + n) {
                let c = chars[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(45), let mo = number(2), expect(45), let d = number(2),
              Civil.valid(y, mo, d) else { return nil }
        var seconds = Civil.toDays(y, mo, d) * 86400
        if i == chars.count { return Timestamp(seconds: seconds, precision: .day) }
        guard expect(84) || expect(116) || expect(32) else { return nil } // T, t or space
        guard let hh = number(2), expect(58), let mm = number(2), hh < 24, mm < 60 else { return nil }
        seconds += hh * 3600 + mm * 60
        if expect(58) {
            guard let ss = number(2), ss < 61 else { return nil }
            seconds += min(ss, 59)
            if expect(46) || expect(44) {
                let start = i
                while i < chars.count, chars[i] >= 48, chars[i] <= 57 { i += 1 }
                guard i > start else { return nil }
            }
        }
        if i == chars.count || expect(90) || expect(122) { // none, Z or z
            return i == chars.count ? Timestamp(seconds: seconds) : nil
        }
        guard i < chars.count, chars[i] == 43 || chars[i] == 45 else { return nil }
        let sign: Int64 = chars[i] == 45 ? -1 : 1
        i += 1
        guard let oh = number(2) else { return nil }
        _ = expect(58)
        let om = i == chars.count ? 0 : (number(2) ?? -1)
        guard om >= 0, om < 60, oh < 24, i == chars.count else { return nil }
        return Timestamp(seconds: seconds - sign * (oh * 3600 + om * 60))
    }
}

/// A calendar day, written `2026-12-15` (due dates).
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let days: Int64

    public init(days: Int64) { self.days = days }

    public var description: String {
        let (y, m, d) = Civil.fromDays(days)
        return Civil.digits([(y, 4, "-"), (m, 2, "-"), (d, 2, nil)]) ?? String(format: "%04lld-%02lld-%02lld", y, m, d)
    }

    public static func < (a: Day, b: Day) -> Bool { a.days < b.days }

    /// Accepts `YYYY-MM-DD`, `today`, or a date-time (its UTC day).
    public static func parse(_ raw: String, now: Date) -> Day? {
        let text = raw.trimmedSpaces
        if text.lowercased() == "today" { return Timestamp(now).day }
        return Timestamp.parse(text, now: now)?.day
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms),
/// exact and much faster than a DateFormatter for thousands of records.
enum Civil {
    static func toDays(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func fromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Numbers zero-padded to their widths, each followed by its separator, as
    /// `String(format: "%04lld-%02lld")` would write them; nil when one does not fit its
    /// width or is negative (the caller then formats it with Foundation). Dates are written
    /// for every row of a listing, and Foundation's formatting costs microseconds each.
    static func digits(_ parts: [(value: Int64, width: Int, separator: Unicode.Scalar?)]) -> String? {
        var count = 0
        for p in parts {
            var limit: Int64 = 1
            for _ in 0..<p.width { limit *= 10 }
            guard p.value >= 0, p.value < limit else { return nil }
            count += p.width + (p.separator == nil ? 0 : 1)
        }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = 0
            for p in parts {
                var v = p.value
                for k in stride(from: p.width - 1, through: 0, by: -1) {
                    buffer[i + k] = UInt8(truncatingIfNeeded: 48 + v % 10)
                    v /= 10
                }
                i += p.width
                if let s = p.separator { buffer[i] = UInt8(s.value); i += 1 }
            }
            return i
        }
    }

    static func valid(_ y: Int64, _ m: Int64, _ d: Int64) -> Bool {
        guard m >= 1, m <= 12, d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= lengths[Int(m - 1)]
    }
}

/// A duration for people: `1d 2h`, `3h 5m`, `42m`, `30s`; when an end is known only to
/// the day, `≈13 days` (or `within a day`), never a false precision.
public func humanDuration(_ seconds: Int64, approximate: Bool) -> String {
    guard approximate else { return humanDuration(seconds) }
    let days = Int64((Double(seconds) / 86400).rounded())
    return days == 0 ? "within a day" : "≈\(days) day\(days == 1 ? "" : "s")"
}

public func humanDuration(_ seconds: Int64) -> String {
    let d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60
    if d > 0 { return h > 0 ? "\(d)d \(h)h" : "\(d)d" }
    if h > 0 { return m > 0 ? "\(h)h \(m)m" : "\(h)h" }
    if m > 0 { return "\(m)m" }
    return "\(seconds)s"
}
