/// A fast reader for front matter in exactly the canonical form `YAMLEmitter` writes.
///
/// Listing thousands of incidents parses thousands of files; a general YAML parser spends
/// most of that time on generality. This reader accepts only the canonical subset and
/// returns nil at the first thing outside it (comments, nesting, block scalars, single
/// quotes, anything unusual), and the caller then uses the full YAML parser, so a
/// hand-written file is always read by the real thing.
enum CanonicalFrontMatter {
    static func parse(_ lines: ArraySlice<Substring>, firstLine: Int) -> [YAMLPair]? {
        var pairs: [YAMLPair] = []
        var seen = Set<String>()
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            let lineNumber = firstLine + (i - lines.startIndex)
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon]
            guard !key.isEmpty, key.allSatisfy(isKeyCharacter), seen.insert(String(key)).inserted else { return nil }
            let rest = line[line.index(after: colon)...]
            i += 1
            if rest.isEmpty {
                // Either a null, or a block list of items on the following lines.
                var items: [YAMLValue] = []
                while i < lines.endIndex, lines[i].hasPrefix("  - ") {
                    guard let item = flowValue(lines[i].dropFirst(4)) else { return nil }
                    items.append(item)
                    i += 1
                }
                if i < lines.endIndex, lines[i].hasPrefix(" ") { return nil } // nested mapping: not ours
                pairs.append(YAMLPair(String(key), items.isEmpty ? .null : .list(items), line: lineNumber))
                continue
            }
            guard rest.hasPrefix(" ") else { return nil }
            let text = rest.dropFirst()
            let value: YAMLValue
            switch text {
            case "[]": value = .list([])
            case "{}": value = .map([])
            default:
                guard let v = scalar(text, flow: false) else { return nil }
                value = v
            }
            pairs.append(YAMLPair(String(key), value, line: lineNumber))
        }
        return pairs
    }

    /// An ASCII letter, digit, `_` or `-`, tested on the byte: `Character.isLetter` looks
    /// up Unicode properties, a tenth of a cold index build.
    private static func isKeyCharacter(_ c: Character) -> Bool {
        guard let b = c.asciiValue else { return false }
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// A list item: a scalar, or a one-line flow mapping of scalars.
    private static func flowValue(_ text: Substring) -> YAMLValue? {
        guard text.hasPrefix("{") else { return scalar(text, flow: true) }
        guard text.hasSuffix("}") else { return nil }
        var rest = text.dropFirst().dropLast()
        var pairs: [YAMLPair] = []
        while !rest.isEmpty {
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            let key = rest[..<colon]
            guard !key.isEmpty, key.allSatisfy(isKeyCharacter) else { return nil }
            rest = rest[rest.index(after: colon)...]
            guard rest.hasPrefix(" ") else { return nil }
            rest = rest.dropFirst()
            // The value runs to the next ", " outside quotes, or to the end.
            let end: Substring.Index
            if rest.hasPrefix("\"") {
                guard let close = closingQuote(rest) else { return nil }
                end = rest.index(after: close)
            } else {
                end = rest.range(of: ", ")?.lowerBound ?? rest.endIndex
            }
            guard let value = scalar(rest[..<end], flow: true) else { return nil }
            pairs.append(YAMLPair(String(key), value))
            rest = rest[end...]
            if rest.isEmpty { break }
            guard rest.hasPrefix(", ") else { return nil }
            rest = rest.dropFirst(2)
        }
        return .map(pairs)
    }

    private static func scalar(_ text: Substring, flow: Bool) -> YAMLValue? {
        if text.hasPrefix("\"") {
            guard let close = closingQuote(text), text.index(after: close) == text.endIndex,
                  let s = unescape(text[text.index(after: text.startIndex)..<close]) else { return nil }
            return .scalar(s, plain: false)
        }
        let s = String(text)
        guard YAMLEmitter.isSafePlain(s, flow: flow, reading: true) else { return nil }
        return .scalar(s, plain: true)
    }

    private static func closingQuote(_ text: Substring) -> Substring.Index? {
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            switch text[i] {
            case "\\":
                i = text.index(after: i)
                guard i < text.endIndex else { return nil }
            case "\"":
                return i
            default:
                break
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// The escapes the emitter writes; any other is left to the full parser.
    private static func unescape(_ body: Substring) -> String? {
        guard body.contains("\\") else { return String(body) }
        var out = String.UnicodeScalarView()
        var it = body.unicodeScalars.makeIterator()
        while let c = it.next() {
            guard c == "\\" else { out.append(c); continue }
            guard let e = it.next() else { return nil }
            switch e {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "x", "u":
                var hex = ""
                for _ in 0..<(e == "x" ? 2 : 4) {
                    guard let h = it.next() else { return nil }
                    hex.unicodeScalars.append(h)
                }
                guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { return nil }
                out.append(scalar)
            default:
                return nil
            }
        }
        return String(out)
    }
}
