import Foundation

/// One `FIELD=VALUE` (or `FIELD+=VALUE`, `FIELD-=VALUE` for lists) from the command line.
public struct Assignment: Sendable, Hashable {
    public enum Operation: Sendable { case set, add, remove }
    public let field: String
    public let operation: Operation
    public let value: String

    public init(field: String, operation: Operation, value: String) {
        self.field = field
        self.operation = operation
        self.value = value
    }

    /// Fields that hold long text (sections, narratives, an event's text): the ones where
    /// `FIELD=@FILE` and `FIELD=@-` read the value from a file or standard input.
    public static func takesLongText(_ field: String) -> Bool {
        field == "text" || field == "narrative" || field.hasPrefix("section:")
            || Sections.isKnown(Sections.normalize(field))
    }

    /// The same assignment with another value.
    public func with(value: String) -> Assignment { Assignment(field: field, operation: operation, value: value) }

    public static func parse(_ text: String) throws -> Assignment {
        guard let eq = text.firstIndex(of: "=") else {
            throw InquestError.invalid("'\(text)' is not FIELD=VALUE")
        }
        var field = String(text[..<eq])
        var op = Operation.set
        if field.hasSuffix("+") { op = .add; field.removeLast() }
        else if field.hasSuffix("-") { op = .remove; field.removeLast() }
        field = field.trimmingCharacters(in: .whitespaces)
        guard !field.isEmpty else { throw InquestError.invalid("'\(text)' has no field name before '='") }
        return Assignment(field: field, operation: op, value: String(text[text.index(after: eq)...]))
    }
}

/// Applies assignments to one record, with errors that name the record and the field.
struct FieldEditor {
    let record: String
    let now: Date

    func fail(_ field: String, _ message: String, hint: String? = nil) -> InquestError {
        InquestError.invalid("\(record): \(field): \(message)", hint: hint)
    }

    func requireSet(_ a: Assignment) throws {
        if a.operation != .set { throw fail(a.field, "is not a list; use \(a.field)=VALUE") }
    }

    func line(_ a: Assignment, required: Bool = false) throws -> String? {
        try requireSet(a)
        // Kept exactly as given, or refused (StoredText): never trimmed into something else.
        let v = a.value
        if required && v.allSatisfy(\.isWhitespace) { throw fail(a.field, "cannot be empty") }
        if let problem = StoredText.oneLineProblem(v) { throw fail(a.field, problem) }
        if let problem = FieldLimits.lengthProblem(a.field, v) { throw fail(a.field, problem) }
        if v.isEmpty {
            if required { throw fail(a.field, "cannot be empty") }
            return nil
        }
        return v
    }

    func narrative(_ a: Assignment) throws -> String {
        try requireSet(a)
        if let problem = StoredText.narrativeProblem(a.value) { throw fail(a.field, problem) }
        return a.value
    }

    func bool(_ a: Assignment) throws -> Bool {
        try requireSet(a)
        switch a.value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw fail(a.field, "'\(a.value)' is not true or false")
        }
    }

    func time(_ a: Assignment) throws -> Timestamp? {
        try requireSet(a)
        if a.value.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        guard let t = Timestamp.parse(a.value, now: now) else {
            throw fail(a.field, "'\(a.value)' is not a time (like 2026-11-28T10:03Z, '2026-11-28 10:03', a date, or now)")
        }
        if let problem = TimeRules.rangeProblem(t, now: now) { throw fail(a.field, problem) }
        return t
    }

    func day(_ a: Assignment) throws -> Day? {
        try requireSet(a)
        if a.value.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        guard let d = Day.parse(a.value, now: now) else {
            throw fail(a.field, "'\(a.value)' is not a date (like 2026-12-15, or today)")
        }
        return d
    }

    func word<V: Vocabulary>(_ a: Assignment, _ type: V.Type) throws -> V {
        try requireSet(a)
        guard let v = V.parse(a.value) else { throw fail(a.field, "'\(a.value)' is not one of \(V.allowed)") }
        return v
    }

    /// Like `word`, but an empty value clears the field.
    func optionalWord<V: Vocabulary>(_ a: Assignment, _ type: V.Type) throws -> V? {
        try requireSet(a)
        if a.value.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        return try word(a, type)
    }

    /// `x=a,b` replaces the list, `x+=a` adds (once), `x-=a` removes.
    func list(_ a: Assignment, _ current: [String], validate: (String) throws -> String = { $0 }) throws -> [String] {
        let items = try a.value.split(separator: ",").map { raw -> String in
            let item = raw.trimmingCharacters(in: .whitespaces)
            if let problem = TextRules.singleLineProblem(item) { throw fail(a.field, problem) }
            if let problem = FieldLimits.lengthProblem(a.field, item) { throw fail(a.field, problem) }
            return try validate(item)
        }.filter { !$0.isEmpty }
        switch a.operation {
        case .set: return unique(items)
        case .add: return unique(current + items)
        case .remove:
            for item in items where !current.contains(item) {
                throw fail(a.field, "'\(item)' is not in the list")
            }
            return current.filter { !items.contains($0) }
        }
    }

    private func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// Sets an unknown key a team added by hand; an unknown key nobody wrote is an error.
    func extra(_ a: Assignment, _ extra: inout [YAMLPair], known: [String]) throws {
        guard let i = extra.firstIndex(where: { $0.key == a.field }) else {
            throw fail(a.field, "no such field", hint: "fields are: \(known.joined(separator: ", "))")
        }
        guard extra[i].value.scalarText != nil else {
            throw fail(a.field, "is a list or mapping written by hand; change it with `inquest edit`")
        }
        let v = try line(a) ?? ""
        extra[i].value = v.isEmpty ? .null : .string(v)
    }
}

/// Evidence is a link or path, optionally followed by ` sha256:<64 hex digits>`.
public enum Evidence {
    public static func validate(_ item: String) -> String? {
        let parts = item.split(separator: " ", omittingEmptySubsequences: true)
        guard let last = parts.last, parts.count > 1, last.lowercased().hasPrefix("sha256:") else { return nil }
        let hex = last.dropFirst(7)
        if hex.count != 64 || !hex.allSatisfy({ $0.isHexDigit }) {
            return "'\(last)' is not a sha256 digest (64 hexadecimal digits)"
        }
        return nil
    }
}
