/// Writes front matter canonically: keys in the order given, one scalar per line, list items
/// one per line, LF endings. The same values always give the same bytes, so diffs stay small
/// and textual merges rarely conflict.
public enum YAMLEmitter {
    public static func emit(_ pairs: [YAMLPair]) -> String {
        var out = ""
        for pair in pairs { emitPair(pair, indent: "", into: &out) }
        return out
    }

    private static func emitPair(_ pair: YAMLPair, indent: String, into out: inout String) {
        let key = keyText(pair.key)
        switch pair.value {
        case .scalar:
            if pair.value.isNull && pair.value.scalarText == "" {
                out += "\(indent)\(key):\n"
            } else {
                out += "\(indent)\(key): \(scalar(pair.value, flow: false))\n"
            }
        case .list(let items):
            if items.isEmpty {
                out += "\(indent)\(key): []\n"
                return
            }
            out += "\(indent)\(key):\n"
            for item in items { out += "\(indent)  - \(flow(item))\n" }
        case .map(let pairs):
            if pairs.isEmpty {
                out += "\(indent)\(key): {}\n"
                return
            }
            out += "\(indent)\(key):\n"
            for p in pairs { emitPair(p, indent: indent + "  ", into: &out) }
        }
    }

    /// A value on one line: scalars as such, lists and maps in flow style.
    static func flow(_ value: YAMLValue) -> String {
        switch value {
        case .scalar: return scalar(value, flow: true)
        case .list(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .map(let pairs):
            return "{" + pairs.map { "\(keyText($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    private static func keyText(_ key: String) -> String {
        isSafePlain(key, flow: true) ? key : quoted(key)
    }

    static func scalar(_ value: YAMLValue, flow: Bool) -> String {
        guard case .scalar(let text, let plain) = value else { return "" }
        if plain {
            // Written unquoted by hand (a number, a boolean, null) or by us as a boolean:
            // keep it unquoted so its type survives, unless that would break the line.
            if text.isEmpty { return "null" }
            if !text.contains(where: { $0.isNewline }) && (!flow || isSafePlain(text, flow: true)) {
                return text
            }
            return quoted(text)
        }
        return isSafePlain(text, flow: flow) && !looksTyped(text) ? text : quoted(text)
    }

    /// Text that YAML would read back as something other than this very string.
    static func looksTyped(_ s: String) -> Bool {
        let lower = s.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan"]
            .contains(lower) { return true }
        if Int(s) != nil || Double(s) != nil { return true }
        if lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") { return true }
        // Sexagesimal and underscored numbers of YAML 1.1.
        if s.first?.isNumber == true && s.allSatisfy({ $0.isNumber || $0 == "_" || $0 == ":" || $0 == "." }) {
            return s.contains("_") || s.contains(":")
        }
        return false
    }

    static func isSafePlain(_ s: String, flow: Bool) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        if first.isWhitespace || last.isWhitespace { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
            // "-x" and "?x" and ":x" are fine in YAML, but keep the rule simple and strict.
            return false
        }
        if last == ":" { return false }
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7f || (v >= 0x80 && v < 0xa0) || v == 0xfeff || v == 0x2028 || v == 0x2029 {
                return false
            }
        }
        if s.containsPair(0x3a, 0x20) || s.containsPair(0x20, 0x23) { return false } // ": " and " #"
        if flow && s.contains(where: { ",[]{}".contains($0) }) { return false }
        return true
    }

    /// A double-quoted scalar with every character that needs it escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7f || (v >= 0x80 && v < 0xa0) || v == 0xfeff || v == 0x2028 || v == 0x2029 {
                    out += v <= 0xff ? "\\x" + hex(v, 2) : "\\u" + hex(v, 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
