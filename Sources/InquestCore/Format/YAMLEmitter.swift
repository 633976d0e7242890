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

    /// Whether `s` can be written unquoted and read back as this very text. Judged on
    /// Unicode scalars, not characters: a combining mark after `&` or `"` makes one
    /// character of the two, but YAML still sees the `&` or the quote.
    /// `reading` is the fast reader asking: it still takes the plain ":?" that YAML allows and
    /// earlier versions wrote, so those files keep reading; only writing avoids it.
    static func isSafePlain(_ s: String, flow: Bool, reading: Bool = false) -> Bool {
        let scalars = s.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        if first.properties.isWhitespace || last.properties.isWhitespace { return false }
        // "-x" and "?x" and ":x" are fine in YAML, but keep the rule simple and strict.
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        // A combining mark first would join the character before it when the line is read.
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark
            || first.properties.generalCategory == .spacingMark { return false }
        if last == ":" { return false }
        if scalars.contains(where: mustEscape) { return false }
        if s.containsPair(0x3a, 0x20) || s.containsPair(0x20, 0x23) { return false } // ": " and " #"
        if flow && scalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        // Inside a flow mapping libyaml refuses a plain ":" followed by "?" ("found unexpected
        // ':'"), though YAML allows it; with ",[]{}" gone above, that is the one such pair left.
        if flow && !reading && s.containsPair(0x3a, 0x3f) { return false }
        return true
    }

    /// Characters written as escapes: controls (C0, DEL, C1, which YAML refuses raw or reads
    /// as line breaks), the byte-order mark, the Unicode line and paragraph separators, and
    /// the non-characters U+FFFE and U+FFFF, which libyaml refuses raw.
    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7f || (v >= 0x80 && v < 0xa0) || v == 0xfeff || v == 0x2028 || v == 0x2029
            || v == 0xfffe || v == 0xffff
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
                if mustEscape(scalar) {
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
