extension RecordJSON {
    /// `inquest conflicts --json`: one object per conflict, the keys of `show`'s conflicts
    /// plus the incident and the file.
    public static func conflicts(_ entries: [ConflictEntry]) -> JSONValue {
        .array(entries.map { e in
            guard case .object(var o) = conflict(e.record, e.conflict) else { return .null }
            o["incident"] = .string(e.incident.description)
            o["path"] = .string(e.path)
            return .object(o)
        })
    }
}
