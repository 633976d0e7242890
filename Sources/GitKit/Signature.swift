import CGit2
import Foundation

/// A person and a moment, as git stores them in a commit header.
public struct Signature: Hashable, Sendable {
    public var name: String
    public var email: String
    /// Seconds since the epoch.
    public var time: Int64
    /// Offset from UTC in minutes.
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(time)) }

    init(_ s: UnsafePointer<git_signature>) {
        name = String(cString: s.pointee.name)
        email = String(cString: s.pointee.email)
        time = s.pointee.when.time
        offsetMinutes = s.pointee.when.offset
    }

    func withGit<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        var out: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&out, name, email, time, offsetMinutes), "git_signature_new")
        defer { git_signature_free(out) }
        return try body(out!)
    }
}

/// Why git's identity could not be worked out.
public struct IdentityError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension Signature {
    public enum Role: Sendable { case author, committer }

    /// The identity git itself would use: `GIT_AUTHOR_*` / `GIT_COMMITTER_*` from the
    /// environment, then `user.name` / `user.email` (and `author.*` / `committer.*`) from config.
    public static func identity(_ role: Role, config: Config, environment: [String: String],
                                now: Date = Date()) throws -> Signature {
        let prefix = role == .author ? "GIT_AUTHOR_" : "GIT_COMMITTER_"
        let section = role == .author ? "author" : "committer"
        let name = environment[prefix + "NAME"] ?? config.string("\(section).name") ?? config.string("user.name")
        let email = environment[prefix + "EMAIL"] ?? config.string("\(section).email")
            ?? config.string("user.email") ?? environment["EMAIL"]
        guard let name, !name.isEmpty else {
            throw IdentityError(description:
                "no git identity: set it with `git config user.name \"Your Name\"` and `git config user.email you@example.com`")
        }
        guard let email else {
            throw IdentityError(description: "no git email: set it with `git config user.email you@example.com`")
        }
        var time = Int64(now.timeIntervalSince1970)
        var offset: Int32 = 0
        if let raw = environment[prefix + "DATE"], !raw.isEmpty {
            guard let parsed = GitDate.parse(raw) else {
                throw IdentityError(description: "invalid date in \(prefix)DATE: \(raw)")
            }
            (time, offset) = parsed
        }
        return Signature(name: name, email: email, time: time, offsetMinutes: offset)
    }
}

/// The date forms git accepts in `GIT_AUTHOR_DATE`: `@epoch [+hhmm]`, `epoch +hhmm`, ISO 8601.
enum GitDate {
    static func parse(_ raw: String) -> (Int64, Int32)? {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("@") { s.removeFirst() }
        let parts = s.split(separator: " ")
        if let first = parts.first, let epoch = Int64(first) {
            var offset: Int32 = 0
            if parts.count > 1 {
                guard let o = parseOffset(String(parts[1])) else { return nil }
                offset = o
            }
            return (epoch, offset)
        }
        let iso = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            iso.formatOptions = options
            if let d = iso.date(from: s) { return (Int64(d.timeIntervalSince1970), 0) }
        }
        return nil
    }

    static func parseOffset(_ s: String) -> Int32? {
        guard s.count == 5, let sign = s.first, sign == "+" || sign == "-",
              let hh = Int32(s.dropFirst().prefix(2)), let mm = Int32(s.suffix(2)) else { return nil }
        return (sign == "-" ? -1 : 1) * (hh * 60 + mm)
    }
}
