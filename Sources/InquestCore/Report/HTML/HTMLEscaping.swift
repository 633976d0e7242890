/// Escaping for text and attribute values in HTML and inline SVG.
enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe as element text and as a
    /// quoted attribute value alike. Code points HTML forbids (C0 and C1 controls other than
    /// tab, line feed and carriage return, and noncharacters) become U+FFFD, which keeps a
    /// page valid whatever a record holds.
    static func escape(_ s: String, into out: inout String) {
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isForbidden(scalar) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        escape(s, into: &out)
        return out
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0a && v != 0x0d }
        if v >= 0x7f && v <= 0x9f { return true }
        if v >= 0xfdd0 && v <= 0xfdef { return true }
        return v & 0xfffe == 0xfffe
    }
}
