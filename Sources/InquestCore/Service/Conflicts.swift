import Foundation

/// An unresolved conflict on the branch, with where it lives.
public struct ConflictEntry: Sendable, Hashable {
    public let incident: RecordID
    public let record: RecordID
    public let path: String
    public let conflict: FieldConflict
}

/// Which value `inquest resolve` keeps.
public enum ResolveChoice: Sendable, Hashable {
    case ours
    case theirs
    case value(String)
}

extension Postmortems {
    /// Every unresolved conflict on the branch, by incident, record and field.
    public func conflicts() throws -> [ConflictEntry] {
        let snap = try snapshot()
        let marker = Data("\n\(FieldConflict.key):".utf8)
        var out: [ConflictEntry] = []
        for loc in try snap.incidents() {
            var paths = [Layout.incidentPath(dir: loc.dir)]
            for dir in [Layout.timelineDir, Layout.findingsDir, Layout.followUpsDir] {
                paths += try snap.children(of: loc, in: dir).map(\.path)
            }
            for path in paths {
                // Most records have no conflicts: look for the key before parsing.
                guard let data = try snap.data(at: path), data.range(of: marker) != nil,
                      let kind = RecordPath(path)?.kind else { continue }
                guard let record = try snap.orSkip(path, { try AnyRecord(kind: kind, data: data, path: path) }) else { continue }
                out += record.conflicts.map { ConflictEntry(incident: loc.id, record: record.id, path: path, conflict: $0) }
            }
        }
        return out
    }

    /// Ends a conflict on purpose: writes the chosen value into the field through the same
    /// code as `inquest set`, and removes the conflict, in one commit.
    ///
    /// `record` conflicts (deleted on one side, edited on the other) take `deleted` or
    /// `edited`; `file` conflicts keep the record as it is (its empty side) or replace it
    /// with the other version, if that version parses.
    @discardableResult
    public func resolve(_ idText: String, field rawField: String, _ choice: ResolveChoice) throws -> RecordID {
        var result: RecordID?
        try verifiedWrite { snap, changes in
            let loc = try snap.locate(idText, kinds: RecordKind.allCases)
            result = loc.id
            let record = try AnyRecord(kind: loc.id.kind, data: try snap.data(at: loc.path) ?? Data(), path: loc.path)
            let field = try Self.conflictField(rawField, in: record)
            let value = try Self.chosenValue(choice, for: field, in: record)
            let drop: (inout AnyRecord) throws -> Void = { r in r.conflicts.removeAll { $0.field == field } }
            let subject = loc.id.kind == .incident ? "\(loc.id): resolve \(field)" : "\(loc.incident.id): \(loc.id) resolve \(field)"

            switch field {
            case "record":
                switch value?.lowercased() {
                case RecordMerge.deleted, "delete":
                    changes.delete(loc.path)
                    changes.touch(loc.id.description)
                case RecordMerge.edited, "keep", "kept":
                    try applyEdits([], to: loc, in: snap, &changes, adjust: drop)
                default:
                    throw InquestError.invalid("\(loc.id): record: '\(value ?? "")' is neither deleted nor edited",
                                               hint: "keep the record with --value edited, delete it with --value deleted")
                }
            case "file":
                guard let text = value else {
                    try applyEdits([], to: loc, in: snap, &changes, adjust: drop)
                    break
                }
                var replacement: AnyRecord
                do {
                    replacement = try AnyRecord(kind: loc.id.kind, data: Data(text.utf8), path: loc.path)
                } catch {
                    throw InquestError.invalid("\(loc.id): file: the other version does not parse: \(error)",
                                               hint: "merge it by hand with `inquest edit \(loc.id)`, then end the conflict with `inquest resolve \(loc.id) file --ours` (which keeps the record as it is)")
                }
                guard replacement.id == loc.id else {
                    throw InquestError.invalid("\(loc.id): file: the other version is the record \(replacement.id)")
                }
                replacement.conflicts = record.conflicts.filter { $0.field != field }
                changes.put(loc.path, replacement.serialized())
                changes.touch(loc.id.description)
            case "status" where loc.id.kind == .incident:
                // `set` refuses status (it moves through the lifecycle); a conflict is a
                // choice between two statuses that each went through it.
                guard let status = value.flatMap(IncidentStatus.parse) else {
                    throw InquestError.invalid("\(loc.id): status: '\(value ?? "")' is not one of \(IncidentStatus.allowed)")
                }
                try applyEdits([], to: loc, in: snap, &changes) { r in
                    if case .incident(var i) = r { i.status = status; r = .incident(i) }
                    try drop(&r)
                }
            case "section:preamble" where loc.id.kind == .incident:
                // Text before the first heading has no name `set` knows.
                try applyEdits([], to: loc, in: snap, &changes) { r in
                    if case .incident(var i) = r { i.sections.preamble = (value ?? "").trimmedBlock; r = .incident(i) }
                    try drop(&r)
                }
            default:
                let target = field.hasPrefix("section:") ? String(field.dropFirst("section:".count)) : field
                try applyEdits([Assignment(field: target, operation: .set, value: Self.assignable(value))],
                               to: loc, in: snap, &changes, adjust: drop)
            }
            return subject
        }
        return result!
    }

    /// The conflict field a user meant: exact, or a section by any of its spellings.
    static func conflictField(_ raw: String, in record: AnyRecord) throws -> String {
        let fields = record.conflicts.map(\.field)
        if fields.contains(raw) { return raw }
        let bare = raw.hasPrefix("section:") ? String(raw.dropFirst("section:".count)) : raw
        let section = "section:" + Sections.normalize(bare)
        if fields.contains(section) { return section }
        guard !fields.isEmpty else {
            throw InquestError.invalid("\(record.id): \(raw): no conflict to resolve (\(record.id) has none)",
                                       hint: "`inquest conflicts` lists the conflicts on the branch")
        }
        var unique: [String] = []
        for f in fields where !unique.contains(f) { unique.append(f) }
        throw InquestError.invalid("\(record.id): \(raw): no conflict on this field",
                                   hint: "conflicts on \(record.id): \(unique.joined(separator: ", "))")
    }

    static func chosenValue(_ choice: ResolveChoice, for field: String, in record: AnyRecord) throws -> String? {
        let entries = record.conflicts.filter { $0.field == field }
        let side: String
        let values: [String?]
        switch choice {
        case .value(let v): return v
        case .ours: side = "ours"; values = entries.map(\.ours)
        case .theirs: side = "theirs"; values = entries.map(\.theirs)
        }
        guard let first = values.first, values.allSatisfy({ $0 == first }) else {
            throw InquestError.invalid("\(record.id): \(field): several conflicts disagree on which value is \(side)",
                                       hint: "choose the value yourself with --value")
        }
        return first
    }

    /// A conflict value as `set` takes it: a flow list `[a, b]` becomes `a,b`; none clears.
    static func assignable(_ value: String?) -> String {
        guard let value else { return "" }
        guard value.hasPrefix("["), value.hasSuffix("]"),
              case .list(let items)? = try? YAMLReader.read(value) else { return value }
        return items.compactMap(\.scalarText).joined(separator: ",")
    }
}
