import InquestCore

/// How `log` and `diff` print what a change did to one field, and how they keep text that
/// arrived through git (anyone's commits) from driving the terminal.
enum FieldText {
    /// The lines for one field of a record change, each already indented by `indent`.
    /// `full`: no value is cut, and long text (sections, narratives) is a line diff.
    static func lines(_ f: FieldChange, action: RecordChange.Action, full: Bool, indent: String) -> [String] {
        var out: [String] = []
        let name = Terminal.safe(f.field)
        if !f.reviewNotes.isEmpty {
            for note in f.reviewNotes { out.append("\(indent)review note: \(value(note, full: full, limit: 160))") }
            for item in f.removed { out.append("\(indent)\(name): - \(value(item, full: full, limit: 160))") }
            return out
        }
        if action == .modified && (!f.added.isEmpty || !f.removed.isEmpty) {
            for item in f.removed { out.append("\(indent)\(name): - \(value(item, full: full, limit: 160))") }
            for item in f.added { out.append("\(indent)\(name): + \(value(item, full: full, limit: 160))") }
            return out
        }
        if full && (LineDiff.isLong(f.from) || LineDiff.isLong(f.to)) {
            out.append("\(indent)\(name):")
            for l in LineDiff.diff(f.from, f.to) { out.append("\(indent)  \(l.op.rawValue) \(Terminal.safe(l.text))") }
            return out
        }
        switch action {
        case .added: out.append("\(indent)\(name): \(value(f.to, full: full))")
        case .deleted: out.append("\(indent)\(name): \(value(f.from, full: full)) -> (none)")
        case .modified: out.append("\(indent)\(name): \(value(f.from, full: full)) -> \(value(f.to, full: full))")
        }
        return out
    }

    /// One line; at most `limit` characters unless `full`.
    static func value(_ v: String?, full: Bool, limit: Int = 80) -> String {
        guard let v else { return "(none)" }
        let flat = Terminal.safe(v.replacingOccurrences(of: "\n", with: "\\n"))
        return !full && flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}

/// Text for a terminal, from records anyone could have committed.
enum Terminal {
    /// Control characters (escape sequences, carriage returns, bidi overrides) shown as
    /// `\u{…}` instead of acting on the terminal; newlines and tabs are kept.
    static func safe(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if needsEscape(u) { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    private static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        if u == "\n" || u == "\t" { return false }
        if u.value < 0x20 || (0x7f...0x9f).contains(u.value) { return true }
        // Bidirectional overrides and isolates reorder what is shown (Trojan Source).
        return (0x202a...0x202e).contains(u.value) || (0x2066...0x2069).contains(u.value)
    }
}
