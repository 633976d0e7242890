/// The narrative of an incident: `##` sections in the order they were written, plus any
/// text before the first heading. Sections nobody knows about are kept as they are.
public struct Sections: Hashable, Sendable {
    public struct Section: Hashable, Sendable {
        /// The normalized name (`technical_summary`), used by `set` and in JSON.
        public var key: String
        /// The heading as written (`Technical summary`).
        public var heading: String
        public var text: String
    }

    /// The sections every incident has, in their canonical order, with their headings.
    public static let known: [(key: String, heading: String)] = [
        ("summary", "Summary"),
        ("impact", "Impact"),
        ("technical_summary", "Technical summary"),
        ("actors", "Actors"),
        ("response", "Response"),
        ("takeaways", "Key takeaways"),
    ]

    public var preamble: String = ""
    public private(set) var items: [Section] = []

    public init() {}

    /// A new incident's narrative: every known section, empty, as a template.
    public static func template() -> Sections {
        var s = Sections()
        s.items = known.map { Section(key: $0.key, heading: $0.heading, text: "") }
        return s
    }

    /// `Technical summary`, `technical-summary` and `technical_summary` all name one section.
    public static func normalize(_ name: String) -> String {
        let lowered = name.trimmedSpaces.lowercased()
        var out = ""
        var lastUnderscore = false
        for c in lowered {
            if c.isLetter || c.isNumber {
                out.append(c)
                lastUnderscore = false
            } else if !lastUnderscore && !out.isEmpty {
                out.append("_")
                lastUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return knownByHeading[out] ?? out
    }

    /// `key_takeaways` (from the heading "Key takeaways") names `takeaways`.
    private static let knownByHeading: [String: String] = Dictionary(
        known.map { (normalizeHeading($0.heading), $0.key) }, uniquingKeysWith: { a, _ in a })

    private static func normalizeHeading(_ h: String) -> String {
        h.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    public static func isKnown(_ key: String) -> Bool { known.contains { $0.key == key } }

    /// A section's text; the first one when a hand-edited body has it twice.
    public subscript(key: String) -> String? {
        items.first { $0.key == key }?.text
    }

    public var keys: [String] { items.map(\.key) }

    /// Sets a section's text; a new section goes where the canonical order puts it.
    public mutating func set(_ key: String, _ text: String, heading: String? = nil) {
        let text = text.trimmedBlock
        if let i = items.firstIndex(where: { $0.key == key }) {
            items[i].text = text
            return
        }
        let title = heading ?? Self.known.first { $0.key == key }?.heading ?? key
        let section = Section(key: key, heading: title, text: text)
        guard let rank = Self.known.firstIndex(where: { $0.key == key }) else {
            items.append(section)
            return
        }
        // Right after the nearest earlier known section, so hand-added sections stay where
        // they were written; else before the first later one; else at the end.
        func rankOf(_ s: Section) -> Int? { Self.known.firstIndex { $0.key == s.key } }
        let insertAt: Int
        if let before = items.lastIndex(where: { rankOf($0).map { $0 < rank } ?? false }) {
            insertAt = before + 1
        } else {
            insertAt = items.firstIndex { rankOf($0).map { $0 > rank } ?? false } ?? items.count
        }
        items.insert(section, at: insertAt)
    }

    /// A heading that names the section `key`: its own for a known one, else the key in
    /// words (`root_cause` -> `Root cause`), which `normalize` turns back into the key.
    public static func heading(for key: String) -> String {
        if let known = known.first(where: { $0.key == key }) { return known.heading }
        let words = key.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Adds a section after the others, in the order given (an import keeps the order of
    /// its source, where `set` would put known sections in their canonical place).
    /// A heading that would not read back as `key` is replaced by one that does.
    public mutating func append(key: String, heading: String, text: String) {
        let heading = Self.normalize(heading) == key ? heading : Self.heading(for: key)
        items.append(Section(key: key, heading: heading, text: text.trimmedBlock))
    }

    /// Reads a body: a line `## Name` outside a code fence starts a section. Lines that
    /// `render` escaped (a backslash before `## `, a fence it could not close) lose one
    /// backslash again, so every text reads back as it was set.
    public static func parse(_ body: String) -> Sections {
        var result = Sections()
        var current: Section?
        var buffer: [Substring] = []
        var inFence = false
        var seen = Set<String>()
        func flush() {
            let text = buffer.joined(separator: "\n").trimmedBlock
            if var c = current {
                c.text = text
                if !seen.insert(c.key).inserted, !result.duplicates.contains(c.key) { result.duplicates.append(c.key) }
                result.items.append(c)
            } else {
                result.preamble = text
            }
            buffer = []
        }
        for line in body.lfLines {
            if inFence {
                if BodyEscaping.isFence(line) { inFence = false }
                buffer.append(line)
                continue
            }
            if BodyEscaping.isFence(line) {
                inFence = true
                buffer.append(line)
                continue
            }
            if line.hasPrefix("## ") {
                flush()
                let heading = line.dropFirst(3).trimmedSpaces
                current = Section(key: normalize(heading), heading: heading, text: "")
                continue
            }
            buffer.append(BodyEscaping.unescape(line))
        }
        flush()
        return result
    }

    /// Keys of sections written more than once (by hand: Inquest never writes two). Readers
    /// use the first; `check` reports the others and `set` refuses to guess.
    public private(set) var duplicates: [String] = []

    public func render() -> String {
        var parts: [String] = []
        if !preamble.isEmpty { parts.append(BodyEscaping.escape(preamble)) }
        for s in items {
            parts.append(s.text.isEmpty ? "## \(s.heading)" : "## \(s.heading)\n\n\(BodyEscaping.escape(s.text))")
        }
        return parts.joined(separator: "\n\n")
    }
}

import Foundation
