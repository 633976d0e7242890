/// One thing wrong with a record, located as precisely as we know: file, line, record, field.
public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String?
    public var line: Int?
    public var record: String?
    public var field: String?
    public var message: String

    public init(path: String? = nil, line: Int? = nil, record: String? = nil, field: String? = nil,
                _ message: String) {
        self.path = path
        self.line = line
        self.record = record
        self.field = field
        self.message = message
    }

    /// `path:line: RECORD: field: message`, leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        if let path { parts.append(line.map { "\(path):\($0)" } ?? path) }
        if let record { parts.append(record) }
        if let field { parts.append(field) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// A failure a user can act on. The kind decides the exit code (see README, "Exit codes").
public struct InquestError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// Policy, validation or verification failure: exit 1.
        case policy
        /// Usage or user error (unknown ID, bad value, bad record): exit 2.
        case invalid
        /// The repository or git failed underneath us: exit 3.
        case repository
        /// A remote could not be reached or refused us: exit 4.
        case remote
    }

    public var kind: Kind
    /// One line per problem; each names the record and field.
    public var lines: [String]
    public var hint: String?

    public init(_ kind: Kind, _ lines: [String], hint: String? = nil) {
        self.kind = kind
        self.lines = lines
        self.hint = hint
    }

    public init(_ kind: Kind, _ line: String, hint: String? = nil) {
        self.init(kind, [line], hint: hint)
    }

    public static func invalid(_ line: String, hint: String? = nil) -> InquestError {
        InquestError(.invalid, line, hint: hint)
    }

    public static func problems(_ problems: [Problem], kind: Kind = .invalid) -> InquestError {
        InquestError(kind, problems.map(\.description))
    }

    public var exitCode: Int32 {
        switch kind {
        case .policy: return 1
        case .invalid: return 2
        case .repository: return 3
        case .remote: return 4
        }
    }

    public var description: String {
        var text = lines.joined(separator: "\n")
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}

extension Problem {
    public var asError: InquestError { .problems([self]) }
}
