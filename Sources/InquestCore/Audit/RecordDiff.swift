import Foundation

/// One field of a record that a change set, changed or cleared.
public struct FieldChange: Sendable, Hashable {
    /// A front-matter key (`owner`), a section of an incident (`summary`), or the body of
    /// another record (`text` for a timeline event, `narrative` otherwise).
    public let field: String
    /// The value as text (lists and mappings in YAML flow style); nil when absent or empty.
    public let from: String?
    public let to: String?
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
        var order = after.map(\.0)
        for (k, _) in before where newMap[k] == nil { order.append(k) }
        return order.compactMap { k in
            let from = oldMap[k], to = newMap[k]
            return from == to ? nil : FieldChange(field: k, from: from, to: to)
        }
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
