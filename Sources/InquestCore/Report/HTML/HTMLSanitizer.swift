/// Rewrites the HTML a Markdown library produced so that only the elements Markdown itself
/// makes can appear, with only the attributes we allow, properly nested.
///
/// Why, when the Markdown renderer is told to escape raw HTML: the library is not written
/// for hostile input (it copies an `&…;` run through unescaped, and a link's URL into `href`
/// without quoting it), and narratives are written by anyone with push access. Reading its
/// output the way a browser's tokenizer would and writing it again from an allowlist makes
/// the page safe whatever the library does, and keeps it valid HTML.
struct HTMLSanitizer {
    /// Elements kept, and whether each has an end tag.
    static let elements: [String: Bool] = [
        "p": true, "br": false, "hr": false, "em": true, "strong": true, "s": true, "code": true,
        "pre": true, "blockquote": true, "ul": true, "ol": true, "li": true,
        "h3": true, "h4": true, "h5": true, "h6": true,
        "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "a": true,
    ]

    /// Named character references kept as written; any other `&` is escaped.
    static let entities: Set<String> = [
        "amp", "lt", "gt", "quot", "apos", "nbsp", "copy", "reg", "trade", "mdash", "ndash", "hellip",
        "lsquo", "rsquo", "ldquo", "rdquo", "laquo", "raquo", "times", "larr", "rarr", "uarr", "darr", "deg",
    ]

    private var out = ""
    /// Open elements, innermost last; `kept` is false for an `a` dropped for its URL, whose
    /// end tag is dropped with it.
    private var stack: [(name: String, kept: Bool)] = []

    static func sanitize(_ html: String) -> String {
        var s = HTMLSanitizer()
        s.run(Array(html.unicodeScalars))
        return s.out
    }

    private mutating func run(_ input: [Unicode.Scalar]) {
        out.reserveCapacity(input.count + input.count / 8)
        var i = 0
        while i < input.count {
            let c = input[i]
            switch c {
            case "<":
                if let tag = Tag.parse(input, at: i) {
                    emit(tag)
                    i = tag.end
                } else {
                    out += "&lt;"
                    i += 1
                }
            case "&":
                if let end = Self.entityEnd(input, at: i) {
                    out.unicodeScalars.append(contentsOf: input[i..<end])
                    i = end
                } else {
                    out += "&amp;"
                    i += 1
                }
            case ">":
                out += "&gt;"
                i += 1
            default:
                if HTML.isForbidden(c) { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
                i += 1
            }
        }
        while let top = stack.popLast() {
            if top.kept { out += "</\(top.name)>" }
        }
    }

    private mutating func emit(_ tag: Tag) {
        guard let hasEnd = Self.elements[tag.name] else {
            // Not an element we keep: show it as the text it was.
            HTML.escape(tag.source, into: &out)
            return
        }
        if tag.isEnd {
            guard hasEnd, let index = stack.lastIndex(where: { $0.name == tag.name }) else { return }
            while stack.count > index {
                let top = stack.removeLast()
                if top.kept { out += "</\(top.name)>" }
            }
            return
        }
        var attributes = ""
        var kept = true
        switch tag.name {
        case "a":
            if let href = tag.attribute("href").flatMap(SafeURL.inText) {
                attributes = " href=\"\(HTML.escape(href))\""
            } else {
                kept = false
            }
        case "ol":
            if let start = tag.attribute("start"), !start.isEmpty, start.count < 10, start.allSatisfy({ $0.isASCII && $0.isNumber }) {
                attributes = " start=\"\(start)\""
            }
        case "th", "td":
            // The library writes the obsolete `align`; a class keeps the alignment valid.
            // (and a class it wrote itself, so sanitizing twice changes nothing).
            let align = tag.attribute("align")?.lowercased()
                ?? tag.attribute("class").flatMap { $0.hasPrefix("align-") ? String($0.dropFirst(6)) : nil }
            if let align, ["left", "center", "right"].contains(align) {
                attributes = " class=\"align-\(align)\""
            }
        default:
            break
        }
        if kept { out += "<\(tag.name)\(attributes)>" }
        if hasEnd { stack.append((tag.name, kept)) }
    }

    /// Where a character reference we keep ends, or nil.
    private static func entityEnd(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == "#" {
            i += 1
            let hex = i < s.count && (s[i] == "x" || s[i] == "X")
            if hex { i += 1 }
            var value: UInt32 = 0
            let digitsStart = i
            while i < s.count, i - digitsStart < 7, let d = hexValue(s[i]), hex || d < 10 {
                value = value * (hex ? 16 : 10) + d
                i += 1
            }
            guard i > digitsStart, i < s.count, s[i] == ";" else { return nil }
            guard let scalar = Unicode.Scalar(value), value != 0, !HTML.isForbidden(scalar) else { return nil }
            return i + 1
        }
        var name = ""
        while i < s.count, i - start <= 10, s[i].properties.isAlphabetic, s[i].isASCII {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        guard i < s.count, s[i] == ";", entities.contains(name) else { return nil }
        return i + 1
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x61...0x66: return c.value - 0x61 + 10
        case 0x41...0x46: return c.value - 0x41 + 10
        default: return nil
        }
    }
}

/// A start or end tag as an HTML tokenizer reads one: a name, then attributes whose values
/// may be double-, single- or un-quoted, up to `>`.
private struct Tag {
    var name: String
    var isEnd: Bool
    var attributes: [(String, String)]
    /// The index just past `>`.
    var end: Int
    var source: String

    func attribute(_ key: String) -> String? { attributes.first { $0.0 == key }?.1 }

    static func parse(_ s: [Unicode.Scalar], at start: Int) -> Tag? {
        var i = start + 1
        var isEnd = false
        if i < s.count, s[i] == "/" {
            isEnd = true
            i += 1
        }
        guard i < s.count, isASCIILetter(s[i]) else { return nil }
        var name = ""
        while i < s.count, !isSpace(s[i]), s[i] != "/", s[i] != ">" {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        var attributes: [(String, String)] = []
        while i < s.count {
            if isSpace(s[i]) || s[i] == "/" {
                i += 1
                continue
            }
            if s[i] == ">" {
                let source = String(String.UnicodeScalarView(s[start...i]))
                return Tag(name: name.lowercased(), isEnd: isEnd, attributes: attributes, end: i + 1, source: source)
            }
            var key = ""
            repeat {
                key.unicodeScalars.append(s[i])
                i += 1
            } while i < s.count && !isSpace(s[i]) && s[i] != "/" && s[i] != ">" && s[i] != "="
            while i < s.count, isSpace(s[i]) { i += 1 }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                while i < s.count, isSpace(s[i]) { i += 1 }
                guard i < s.count else { return nil }
                if s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote {
                        value.unicodeScalars.append(s[i])
                        i += 1
                    }
                    guard i < s.count else { return nil }
                    i += 1
                } else {
                    while i < s.count, !isSpace(s[i]), s[i] != ">" {
                        value.unicodeScalars.append(s[i])
                        i += 1
                    }
                }
            }
            attributes.append((key.lowercased(), decode(value)))
        }
        return nil
    }

    /// The character references a browser would decode in an attribute value, so that the
    /// value is checked and escaped again as what it means.
    static func decode(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            if let semi = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semi) <= 10 {
                let body = rest[rest.index(after: rest.startIndex)..<semi]
                var decoded: String?
                switch body {
                case "amp": decoded = "&"
                case "lt": decoded = "<"
                case "gt": decoded = ">"
                case "quot": decoded = "\""
                case "apos": decoded = "'"
                default:
                    if body.hasPrefix("#x") || body.hasPrefix("#X"), let v = UInt32(body.dropFirst(2), radix: 16) {
                        decoded = Unicode.Scalar(v).map { String($0) }
                    } else if body.hasPrefix("#"), let v = UInt32(body.dropFirst()) {
                        decoded = Unicode.Scalar(v).map { String($0) }
                    }
                }
                if let decoded {
                    out += decoded
                    rest = rest[rest.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = rest.dropFirst()
        }
        return out + rest
    }

    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x61 && c.value <= 0x7a) || (c.value >= 0x41 && c.value <= 0x5a)
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}"
    }
}
