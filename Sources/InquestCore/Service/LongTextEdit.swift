import Foundation

extension Postmortems {
    /// The text of one long field of a record, for `edit --section`: a section of an
    /// incident, a finding's or follow-up's narrative, an event's text.
    public func longText(_ idText: String, field: String) throws -> (location: RecordLocation, key: String, text: String) {
        let snap = try snapshot()
        let loc = try snap.locate(idText, kinds: RecordKind.allCases)
        let key = try Self.longTextKey(field, kind: loc.id.kind, record: loc.id)
        return (loc, key, try Self.longText(of: loc, key: key, in: snap))
    }

    /// Writes an edited long field back through `set`, unless someone changed that field in
    /// the meantime (then it refuses, and the caller keeps the user's text).
    @discardableResult
    public func replaceLongText(_ location: RecordLocation, key: String, original: String, edited: String) throws -> Bool {
        var value = edited
        while value.hasSuffix("\n") { value.removeLast() }
        if value == original { return false }
        let commit = try verifiedWrite { snap, changes in
            let current = try snap.locate(location.id.description, kinds: [location.id.kind])
            guard try Self.longText(of: current, key: key, in: snap) == original else {
                throw InquestError.invalid("\(location.id): \(key) was changed by someone else while you edited it")
            }
            try applyEdits([Assignment(field: key, operation: .set, value: value)], to: current, in: snap, &changes)
            return location.id.kind == .incident ? "\(location.id): edit \(key)" : "\(location.incident.id): edit \(location.id) \(key)"
        }
        return commit != nil
    }

    private static func longTextKey(_ field: String, kind: RecordKind, record: RecordID) throws -> String {
        switch kind {
        case .incident:
            let key = Sections.normalize(field.hasPrefix("section:") ? String(field.dropFirst(8)) : field)
            guard !key.isEmpty else { throw InquestError.invalid("\(record): '\(field)' is not a section name") }
            return Sections.isKnown(key) ? key : "section:\(key)"
        case .finding, .followUp:
            guard field == "narrative" else {
                throw InquestError.invalid("\(record): \(withArticle(kind.noun)) has one long text, its narrative (--section narrative)")
            }
            return field
        case .event:
            guard field == "text" else {
                throw InquestError.invalid("\(record): a timeline event has one long text, its text (--section text)")
            }
            return field
        }
    }

    private static func longText(of loc: RecordLocation, key: String, in snap: Snapshot) throws -> String {
        switch loc.id.kind {
        case .incident:
            let name = key.hasPrefix("section:") ? String(key.dropFirst(8)) : key
            return try snap.read(Incident.self, at: loc.path).sections[name] ?? ""
        case .finding: return try snap.read(Finding.self, at: loc.path).narrative
        case .followUp: return try snap.read(FollowUp.self, at: loc.path).narrative
        case .event: return try snap.read(TimelineEvent.self, at: loc.path).text
        }
    }
}
