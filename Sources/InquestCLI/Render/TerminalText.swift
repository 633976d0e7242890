/// What may reach a terminal.
///
/// Everything printed comes, at least in part, from the branch or from git: records,
/// commit subjects, names, excerpts of bad YAML. All of it is written by whoever can push,
/// and a terminal obeys escape sequences (clear the screen, set the title, rewrite what is
/// shown, on some terminals more). So the output layer (`OutputSink`) passes every text
/// through `visible` when it writes to a terminal: commands cannot forget to.
enum TerminalText {
    /// Inquest's own styles, placed by `Color` as private-use characters and turned into
    /// escape sequences only by the sink, after everything else was made visible.
    enum Style: Character, CaseIterable {
        case bold = "\u{F8F0}"
        case red = "\u{F8F1}"
        case reset = "\u{F8F2}"

        var sequence: String {
            switch self {
            case .bold: return "\u{1B}[1m"
            case .red: return "\u{1B}[31m"
            case .reset: return "\u{1B}[0m"
            }
        }
    }

    /// Control characters shown as `^[` (C0 and DEL, as `cat -v` does) or `<U+009B>` (C1
    /// and the bidirectional overrides that reorder what is shown, "Trojan Source").
    /// Newline and tab stay; a carriage return becomes `^M`, since it can overwrite a line.
    /// Style markers become escape sequences when `styled`, else disappear.
    static func visible(_ text: String, styled: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if let style = Style(rawValue: Character(s)) {
                if styled { out.append(contentsOf: style.sequence.unicodeScalars) }
            } else if v == 0x0A || v == 0x09 {
                out.append(s)
            } else if v < 0x20 || v == 0x7F {
                out.append("^")
                out.append(Unicode.Scalar(v == 0x7F ? 0x3F : v + 0x40)!)
            } else if isHidden(v) {
                out.append(contentsOf: "<U+\(hex(v))>".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// Removes style markers from text that did not come from `Color`.
    static func unstyled(_ text: String) -> String {
        // The markers (U+F8F0…U+F8F2) begin with the byte EF in UTF-8: text without one has
        // none, and bytes are much quicker to scan than scalars (every cell of every table).
        let maybe = text.utf8.withContiguousStorageIfAvailable { $0.contains(0xEF) } ?? text.utf8.contains(0xEF)
        guard maybe, text.unicodeScalars.contains(where: { isMarker($0.value) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isMarker($0.value) }))
    }

    private static func needsWork(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || isHidden(v) || isMarker(v)
    }

    private static func isMarker(_ v: UInt32) -> Bool { v >= 0xF8F0 && v <= 0xF8F2 }

    private static func isHidden(_ v: UInt32) -> Bool {
        (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    private static func hex(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
