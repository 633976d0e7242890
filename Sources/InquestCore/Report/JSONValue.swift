import Foundation

/// JSON as the `--json` contract writes it: sorted keys, two-space indent, explicit nulls.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    public static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }

    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: "")
        out += "\n"
        return out
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            let inner = indent + "  "
            for (i, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let dict):
            if dict.isEmpty { out += "{}"; return }
            out += "{\n"
            let inner = indent + "  "
            let keys = dict.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += inner
                Self.quote(key, into: &out)
                out += ": "
                dict[key]!.write(into: &out, indent: inner)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += indent + "}"
        }
    }

    /// Every character that needs escaping is ASCII, so the text is scanned as bytes and
    /// copied in runs between them (per scalar, quoting was most of `list --json`).
    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        let utf8 = s.utf8
        var run = utf8.startIndex
        var i = run
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x22 || b == 0x5C || b < 0x20 || b == 0x7F {
                // `run` and `i` sit on ASCII bytes (or the start), so on scalar boundaries.
                out += s[run..<i]
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default: out += String(format: "\\u%04x", UInt32(b))
                }
                run = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if run == utf8.startIndex {
            out += s // nothing escaped: the whole string, without making a substring of it
        } else {
            out += s[run..<utf8.endIndex]
        }
        out += "\""
    }
}
