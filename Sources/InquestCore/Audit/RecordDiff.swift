import Foundation

/// One field of a record that a change set, changed or cleared.
public struct FieldChange: Sendable, Hashable {
    /// A front-matter key (`owner`), a section of an incident (`summary`), or the body of
    /// another record (`text` for a timeline event, `narrative` otherwise).
    public let field: String
    /// The value as text (lists and mappings in YAML flow style); nil when absent or empty.
    public let from: String?
    public let to: String?
    /// For a list field: the items it gained and lost (each in flow style), so a long list
    /// such as `approvals` reads as what happened to it.
    public let added: [String]
    public let removed: [String]
    /// For a follow-up's `reviews`: each review note added, as a reader wants it
    /// (`2026-11-28T12:00:00Z Alice <alice@example.com>: note`).
    public let reviewNotes: [String]

    public init(field: String, from: String?, to: String?, added: [String] = [], removed: [String] = [],
                reviewNotes: [String] = []) {
        self.field = field
        self.from = from
        self.to = to
        self.added = added
        self.removed = removed
        self.reviewNotes = reviewNotes
    }
}

/// Field-by-field differences between two versions of a record file.
///
/// It compares the files as parsed, not as typed records, so that it also describes versions
/// that a hand edit left invalid, and keys that Inquest does not know.
enum RecordDiff {
    static func diff(old: RecordFile?, new: RecordFile?, kind: RecordKind?) -> [FieldChange] {
        let before = old.map { fields($0, kind: kind) } ?? []
        let after = new.map { fields($0, kind: kind) } ?? []
        let oldMap = Dictionary(before, uniquingKeysWith: { a, _ in a })
        let newMap = Dictionary(after, uniquingKeysWith: { a, _ in a })
        let oldItems = old.map(listItems) ?? [:], newItems = new.map(listItems) ?? [:]
        var order = after.map(\.0)
        for (k, _) in before where newMap[k] == nil { order.append(k) }
        return order.compactMap { k in
            let from = oldMap[k], to = newMap[k]
            guard from != to else { return nil }
            let was = oldItems[k] ?? [], now = newItems[k] ?? []
            let added = now.filter { !was.contains($0) }
            var notes: [String] = []
            if k == "reviews", kind == .followUp, let raw = new.flatMap({ listValues($0)[k] }) {
                let fresh = Set(added)
                notes = raw.filter { fresh.contains(YAMLEmitter.flow($0)) }.map(reviewNote)
            }
            return FieldChange(field: k, from: from, to: to, added: added, removed: was.filter { !now.contains($0) },
                               reviewNotes: notes)
        }
    }

    private static func listValues(_ file: RecordFile) -> [String: [YAMLValue]] {
        var out: [String: [YAMLValue]] = [:]
        for pair in file.frontMatter {
            if case .list(let items) = pair.value { out[pair.key] = items }
        }
        return out
    }

    /// `DATE REVIEWER: NOTE` of one `reviews` entry (the flow text when it is not a mapping).
    static func reviewNote(_ entry: YAMLValue) -> String {
        guard case .map(let pairs) = entry else { return YAMLEmitter.flow(entry) }
        func v(_ k: String) -> String? { pairs.first { $0.key == k }?.value.scalarText.flatMap { $0.isEmpty ? nil : $0 } }
        let head = [v("date"), v("reviewer")].compactMap { $0 }.joined(separator: " ")
        return v("note").map { "\(head): \($0)" } ?? "\(head) (no note)"
    }

    /// The items of each list field, in flow style.
    private static func listItems(_ file: RecordFile) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for pair in file.frontMatter {
            if case .list(let items) = pair.value { out[pair.key] = items.map(YAMLEmitter.flow) }
        }
        return out
    }

    /// A record's fields as text, in file order; empty values are left out.
    static func fields(_ file: RecordFile, kind: RecordKind?) -> [(String, String)] {
        var out: [(String, String)] = []
        for pair in file.frontMatter {
            if let text = text(pair.value) { out.append((pair.key, text)) }
        }
        switch kind {
        case .incident:
            let sections = Sections.parse(file.body)
            if !sections.preamble.isEmpty { out.append(("preamble", sections.preamble)) }
            for s in sections.items where !s.text.isEmpty { out.append((s.key, s.text)) }
        default:
            let body = file.body.trimmedBlock
            if !body.isEmpty { out.append((kind == .event ? "text" : "narrative", body)) }
        }
        return out
    }

    private static func text(_ value: YAMLValue) -> String? {
        switch value {
        case .scalar(let s, _): return value.isNull || s.isEmpty ? nil : s
        case .list(let items): return items.isEmpty ? nil : YAMLEmitter.flow(value)
        case .map(let pairs): return pairs.isEmpty ? nil : YAMLEmitter.flow(value)
        }
    }
}
