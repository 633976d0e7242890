import Foundation

/// Resolving a conflict by hand: both sides in one text marked as git's diff3 style marks
/// them, and keeping both sides (`--union`) where a field can hold both.
public enum ConflictText {
    static let markers = ["<<<<<<<", "|||||||", "=======", ">>>>>>>"]

    /// The text the editor opens for `resolve --edit`: ours, the base, theirs, between
    /// diff3 markers naming the commits.
    public static func diff3(_ c: FieldConflict) -> String {
        func block(_ v: String?) -> String {
            guard let v, !v.isEmpty else { return "" }
            return v.hasSuffix("\n") ? v : v + "\n"
        }
        var out = "<<<<<<< ours" + (c.oursCommit.map { " (\($0.prefix(10)))" } ?? "") + "\n"
        out += block(c.ours)
        out += "||||||| base\n" + block(c.base)
        out += "=======\n" + block(c.theirs)
        out += ">>>>>>> theirs" + (c.theirsCommit.map { " (\($0.prefix(10)))" } ?? "") + "\n"
        return out
    }

    /// The first line that still holds a conflict marker, 1-based, if any.
    public static func markerLine(in text: String) -> Int? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where markers.contains(where: { line.hasPrefix($0) }) {
            return i + 1
        }
        return nil
    }

    /// Both sides kept: a list gets the items of both (ours first, each once); a section or
    /// narrative gets ours, then theirs after a blank line (once, if one holds the other).
    /// A single value cannot hold two, so it is refused.
    public static func union(_ c: FieldConflict, record: RecordID) throws -> String {
        if let a = list(c.ours), let b = list(c.theirs) {
            var items = a
            for item in b where !items.contains(item) { items.append(item) }
            return items.joined(separator: ",")
        }
        guard c.field.hasPrefix("section:") || c.field == "narrative" || c.field == "text" else {
            throw InquestError.invalid("\(record): \(c.field): holds one value, so both cannot be kept",
                                       hint: "choose with --ours, --theirs, --value V or --edit")
        }
        let ours = (c.ours ?? "").trimmedBlock, theirs = (c.theirs ?? "").trimmedBlock
        if ours.isEmpty || ours.contains(theirs) { return ours.isEmpty ? theirs : ours }
        if theirs.isEmpty || theirs.contains(ours) { return theirs }
        return ours + "\n\n" + theirs
    }

    /// A conflict value that is a YAML flow list (`[a, b]`), as its items.
    private static func list(_ value: String?) -> [String]? {
        guard let value, value.hasPrefix("["), value.hasSuffix("]"),
              case .list(let items)? = try? YAMLReader.read(value) else { return nil }
        return items.compactMap(\.scalarText)
    }
}

extension Postmortems {
    /// The conflict on one field of one record, for `resolve --edit` and `--union`.
    public func conflict(_ idText: String, field rawField: String) throws -> (id: RecordID, conflict: FieldConflict) {
        let snap = try snapshot()
        let loc = try snap.locate(idText, kinds: RecordKind.allCases)
        let record = try AnyRecord(kind: loc.id.kind, data: try snap.data(at: loc.path) ?? Data(), path: loc.path)
        let field = try Self.conflictField(rawField, in: record)
        let entries = record.conflicts.filter { $0.field == field }
        guard let first = entries.first, entries.allSatisfy({ $0.ours == first.ours && $0.theirs == first.theirs }) else {
            throw InquestError.invalid("\(loc.id): \(field): several conflicts disagree on the values",
                                       hint: "choose the value yourself with --value")
        }
        return (loc.id, first)
    }
}
