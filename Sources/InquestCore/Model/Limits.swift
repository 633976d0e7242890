import Foundation

/// How long a one-line field may be. Generous for real titles and names, but a 1 MB title
/// is a mistake or an attack: it breaks every table, report and terminal it reaches.
public enum FieldLimits {
    /// Titles of incidents, findings and follow-ups, in characters.
    public static let title = 200
    /// Every other one-line field (owner, tags, evidence, tracker, notes), in characters.
    public static let line = 1000

    /// Why `value` is too long for `field`, or nil.
    public static func lengthProblem(_ field: String, _ value: String) -> String? {
        let limit = field == "title" ? title : line
        let n = value.count
        return n > limit ? "is \(n) characters long; the limit is \(limit)" : nil
    }

    /// Throws a usage error naming `field` when `value` is too long.
    public static func check(_ field: String, _ value: String?, record: String? = nil) throws {
        guard let value, let p = lengthProblem(field, value) else { return }
        throw InquestError.invalid("\(record.map { "\($0): " } ?? "")\(field): \(p)")
    }
}

/// Times that make sense: not before 1970, not in the future (beyond a little clock skew
/// between laptops), and for an incident started <= detected <= contained <= resolved.
public enum TimeRules {
    /// Laptops' clocks disagree; a time this far ahead of ours is still accepted.
    public static let allowedSkew: Int64 = 10 * 60
    public static let incidentOrder = ["started", "detected", "contained", "resolved"]

    /// Why `t` cannot be the time of something that happened, or nil.
    public static func rangeProblem(_ t: Timestamp, now: Date) -> String? {
        if t.seconds < 0 { return "\(t) is before 1970" }
        if t.seconds > Timestamp(now).seconds + allowedSkew { return "\(t) is in the future" }
        return nil
    }

    /// Every problem with an incident's times, one per field.
    public static func problems(of incident: Incident, now: Date) -> [Problem] {
        var out: [Problem] = []
        let id = incident.id.description
        var previous: (field: String, time: Timestamp)?
        for field in incidentOrder {
            guard let t = incident.time(field) else { continue }
            if let p = rangeProblem(t, now: now) {
                out.append(Problem(record: id, field: field, p))
                continue
            }
            if let previous, isBefore(t, previous.time) {
                out.append(Problem(record: id, field: field, "\(t) is before \(previous.field) (\(previous.time))"))
            }
            previous = (field, t)
        }
        return out
    }

    /// `a` is before `b`, allowing for a time given as a bare date (stored as midnight)
    /// on the same day as the other: `started=2026-11-28` and `detected=2026-11-28 09:00`
    /// are in order whichever way the day is read.
    static func isBefore(_ a: Timestamp, _ b: Timestamp) -> Bool {
        guard a < b else { return false }
        let dateOnly = a.seconds % 86400 == 0 || b.seconds % 86400 == 0
        return !(dateOnly && a.day == b.day)
    }

    /// Refuses a write that makes an incident's times wrong (problems it already had, for
    /// instance from a hand commit, do not block other edits).
    public static func checkWrite(before: Incident?, after: Incident, now: Date) throws {
        let old = Set((before.map { problems(of: $0, now: now) } ?? []).map(\.description))
        let new = problems(of: after, now: now).filter { !old.contains($0.description) }
        guard !new.isEmpty else { return }
        throw InquestError(.invalid, new.map(\.description),
                           hint: "times must be in order (started <= detected <= contained <= resolved), after 1970 and not in the future")
    }
}
