import Foundation

/// Reads typed fields out of a record file, collecting every problem (file, line, record,
/// field) rather than stopping at the first, and remembering which keys it knew so the
/// unknown ones can be kept as they were written.
struct FieldReader {
    let file: RecordFile
    let path: String
    let record: String?
    let now: Date
    private(set) var problems: [Problem] = []
    private var known: Set<String> = []

    init(file: RecordFile, path: String, record: String?, now: Date = Date()) {
        self.file = file
        self.path = path
        self.record = record
        self.now = now
    }

    mutating func fail(_ key: String, _ message: String) {
        problems.append(Problem(path: path, line: file.line(of: key), record: record, field: key, message))
    }

    private mutating func raw(_ key: String) -> YAMLValue? {
        known.insert(key)
        guard let v = file[key], !v.isNull else { return nil }
        return v
    }

    private mutating func scalar(_ key: String) -> String? {
        guard let v = raw(key) else { return nil }
        guard let s = v.scalarText else {
            fail(key, "expected a single value, found a \(v.kindName)")
            return nil
        }
        return s
    }

    /// A one-line text: no newlines or control characters.
    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let s = scalar(key) else {
            if required { fail(key, "is missing") }
            return nil
        }
        if let problem = TextRules.singleLineProblem(s) {
            fail(key, problem)
            return nil
        }
        if required && s.trimmedSpaces.isEmpty {
            fail(key, "is empty")
            return nil
        }
        return s
    }

    mutating func id(_ key: String, kind: RecordKind) -> RecordID? {
        guard let s = scalar(key) else { return nil }
        guard let id = RecordID(exactly: s), id.kind == kind else {
            fail(key, "'\(s)' is not \(withArticle(kind.noun)) ID (\(kind.rawValue)-XXXXXXXXXX)")
            return nil
        }
        return id
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let s = scalar(key) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            fail(key, "'\(s)' is not true or false")
            return nil
        }
    }

    mutating func timestamp(_ key: String) -> Timestamp? {
        guard let s = scalar(key) else { return nil }
        guard let t = Timestamp.parse(s, now: now), s.lowercased() != "now" else {
            fail(key, "'\(s)' is not a date-time (like 2026-11-28T10:03:00Z)")
            return nil
        }
        return t
    }

    /// A time, or the word `unknown` (recorded in `unknown`): an incident's times may be
    /// stated as not known, which is an answer, not a gap.
    mutating func timeOrUnknown(_ key: String, _ unknown: inout Set<String>) -> Timestamp? {
        if file[key]?.scalarText?.lowercased() == Incident.unknownWord {
            _ = raw(key)
            unknown.insert(key)
            return nil
        }
        return timestamp(key)
    }

    /// A whole number from 1 up (an event's `order`).
    mutating func integer(_ key: String) -> Int? {
        guard let s = scalar(key) else { return nil }
        guard let n = Int(s), n >= 1, n <= 1_000_000 else {
            fail(key, "'\(s)' is not a whole number from 1 to 1000000")
            return nil
        }
        return n
    }

    mutating func day(_ key: String) -> Day? {
        guard let s = scalar(key) else { return nil }
        guard let d = Day.parse(s, now: now), s.lowercased() != "today" else {
            fail(key, "'\(s)' is not a date (like 2026-12-15)")
            return nil
        }
        return d
    }

    mutating func word<V: Vocabulary>(_ key: String, _ type: V.Type, required: Bool = false) -> V? {
        guard let s = scalar(key) else {
            if required { fail(key, "is missing (one of \(V.allowed))") }
            return nil
        }
        guard let v = V.parse(s) else {
            fail(key, "'\(s)' is not one of \(V.allowed)")
            return nil
        }
        return v
    }

    /// A list of one-line texts. A single scalar is accepted as a list of one.
    mutating func list(_ key: String) -> [String] {
        guard let v = raw(key) else { return [] }
        let items: [YAMLValue]
        switch v {
        case .list(let l): items = l
        case .scalar: items = [v]
        case .map: fail(key, "expected a list, found a mapping"); return []
        }
        var out: [String] = []
        for item in items {
            guard let s = item.scalarText else {
                fail(key, "expected a list of values, found a \(item.kindName) inside")
                continue
            }
            if item.isNull { continue }
            if let problem = TextRules.singleLineProblem(s) { fail(key, problem); continue }
            out.append(s)
        }
        return out
    }

    /// A list of mappings (review log entries and the like), kept as pairs.
    mutating func mapList(_ key: String) -> [[YAMLPair]] {
        guard let v = raw(key) else { return [] }
        guard case .list(let items) = v else {
            fail(key, "expected a list")
            return []
        }
        var out: [[YAMLPair]] = []
        for item in items {
            guard case .map(let pairs) = item else {
                fail(key, "expected each item to be a mapping like {date: …, reviewer: …}")
                continue
            }
            out.append(pairs)
        }
        return out
    }

    /// The keys this reader did not ask for, in the order they were written.
    var extras: [YAMLPair] { file.frontMatter.filter { !known.contains($0.key) } }

    func finish() throws {
        if !problems.isEmpty { throw InquestError.problems(problems) }
    }
}

extension YAMLValue {
    var kindName: String {
        switch self {
        case .scalar: return "single value"
        case .list: return "list"
        case .map: return "mapping"
        }
    }
}

/// What text fields accept.
public enum TextRules {
    /// Why `s` cannot be a one-line field, or nil if it can.
    public static func singleLineProblem(_ s: String) -> String? {
        for scalar in s.unicodeScalars {
            if scalar == "\n" || scalar == "\r" { return "must be a single line (it contains a line break)" }
            let v = scalar.value
            if v < 0x20 || v == 0x7f || (v >= 0x80 && v < 0xa0) {
                return "contains a control character (U+\(String(format: "%04X", v)))"
            }
        }
        return nil
    }

    /// Why `s` cannot be narrative text, or nil if it can (line breaks and tabs allowed).
    public static func narrativeProblem(_ s: String) -> String? {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && v != 0x0a && v != 0x09 && v != 0x0d) || v == 0x7f {
                return "contains a control character (U+\(String(format: "%04X", v)))"
            }
        }
        return nil
    }
}

/// Builds canonical front matter: known keys in a fixed order, then the unknown ones kept.
struct FieldWriter {
    private(set) var pairs: [YAMLPair] = []

    mutating func text(_ key: String, _ value: String?) {
        pairs.append(YAMLPair(key, value.map { .string($0) } ?? .null))
    }
    /// A key that is left out entirely while it has no value.
    mutating func optionalText(_ key: String, _ value: String?) {
        if let value { text(key, value) }
    }
    mutating func bool(_ key: String, _ value: Bool) { pairs.append(YAMLPair(key, .bool(value))) }
    mutating func list(_ key: String, _ values: [String]) {
        pairs.append(YAMLPair(key, .list(values.map { .string($0) })))
    }
    mutating func raw(_ key: String, _ value: YAMLValue) { pairs.append(YAMLPair(key, value)) }
    mutating func optionalList(_ key: String, _ values: [String]) {
        if !values.isEmpty { list(key, values) }
    }
    mutating func extras(_ extras: [YAMLPair]) {
        let taken = Set(pairs.map(\.key))
        pairs += extras.filter { !taken.contains($0.key) }
    }
}
