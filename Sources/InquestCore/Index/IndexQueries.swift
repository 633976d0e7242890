import Foundation
import GitKit
import GRDB

/// What the readers ask the index. Each returns nil when the index cannot answer, and the
/// caller then reads the branch directly.
extension RecordIndex {
    struct Located {
        let id: RecordID
        let path: String
        let dir: String
        let blob: OID?
    }

    /// Records whose ID matches `query`, among `kinds`.
    func locate(_ query: IDQuery, kinds: [RecordKind], at commit: OID) -> [Located]? {
        let layers: [Layer] = kinds == [.incident] ? [.incidents] : Layer.allCases
        return self.query(at: commit, layers: layers) { db in
            var out: [Located] = []
            for kind in kinds {
                // IDs are ASCII, so a prefix is a range of the text index.
                let low = "\(kind.rawValue)-\(query.random)"
                let high = low + "\u{7F}"
                let sql = kind == .incident
                    ? "SELECT id, path, dir, blob FROM incidents WHERE id >= ? AND id < ?"
                    : "SELECT id, path, dir, blob FROM records WHERE kind = '\(kind.rawValue)' AND id >= ? AND id < ?"
                for row in try Row.fetchAll(db, sql: sql, arguments: [low, high]) {
                    guard let id = RecordID(exactly: row[0]), query.matches(id) else { continue }
                    out.append(Located(id: id, path: row[1], dir: row[2], blob: OID(hex: row[3])))
                }
            }
            return out
        }
    }

    static let summaryColumns = """
        id, title, severity, status, customer_impact, data_breach, owner, created, started, detected, \
        contained, resolved, day_only, unknown, tags, dir
        """

    /// `summaryColumns` of the table called `table` in a join.
    static func summaryColumns(of table: String) -> String {
        summaryColumns.split(separator: ",").map { "\(table)." + $0.trimmedSpaces }.joined(separator: ", ")
    }

    /// Reads the columns of `summaryColumns` starting at `at`: numbers only, no time is parsed.
    static func summary(_ row: Row, from at: Int = 0) -> IncidentSummary? {
        guard let id = RecordID(indexed: row[at]), let severity = Severity(rawValue: row[at + 2]),
              let status = IncidentStatus(rawValue: row[at + 3]) else { return nil }
        let dayOnly: Int64 = row[at + 12], unknownBits: Int64 = row[at + 13]
        var unknown = Set<String>()
        if unknownBits != 0 {
            for (field, bit) in TimeColumns.bits where unknownBits & bit != 0 { unknown.insert(field) }
        }
        func time(_ i: Int, _ bit: Int64) -> Timestamp? {
            guard let seconds = row[at + i] as Int64? else { return nil }
            return Timestamp(seconds: seconds, precision: dayOnly & bit != 0 ? .day : .second)
        }
        return IncidentSummary(
            id: id, title: row[at + 1], severity: severity, status: status, customerImpact: row[at + 4],
            dataBreach: row[at + 5], owner: row[at + 6], created: time(7, 16)!,
            started: time(8, 1), detected: time(9, 2), contained: time(10, 4), resolved: time(11, 8),
            tags: TagList.decode(row[at + 14]), unknownTimes: unknown)
    }

    /// Every incident's summary and folder.
    func summaries(at commit: OID) -> [(incident: IncidentSummary, dir: String)]? {
        query(at: commit, layers: [.incidents]) { db in
            // A cursor reads each row in place, without copying it first.
            var out: [(incident: IncidentSummary, dir: String)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.summaryColumns) FROM incidents")
            while let row = try rows.next() {
                if let s = Self.summary(row) { out.append((s, row[15])) }
            }
            return out
        }
    }

    /// `list`'s rows in `Postmortems.incidents`' order: newest start (or creation) first, then
    /// the greater ID, then the path byte by byte (`incidents_listing` holds this order).
    /// Rows `summary` would skip are skipped here too, before the limit counts them.
    func listing(at commit: OID, limit: Int?) -> [ListingRow]? {
        query(at: commit, layers: [.incidents]) { db in
            var out: [ListingRow] = []
            let sql = """
                SELECT id, severity, status, COALESCE(started, created), owner, title FROM incidents
                ORDER BY COALESCE(started, created) DESC, id DESC, path
                """
            let rows = try Row.fetchCursor(db, sql: sql)
            let wanted = limit.map { max(0, $0) } ?? Int.max
            while out.count < wanted, let row = try rows.next() {
                guard let id = RecordID(indexed: row[0]), let severity = Severity(rawValue: row[1]),
                      let status = IncidentStatus(rawValue: row[2]) else { continue }
                out.append(ListingRow(id: id, severity: severity, status: status, since: Timestamp(seconds: row[3]),
                                      owner: row[4], title: row[5]))
            }
            return out
        }
    }

    /// For each incident folder, the kinds of record under it and the categories of its findings.
    func childFacts(at commit: OID, tolerateBroken: Bool = false) -> [String: (kinds: Set<RecordKind>, categories: Set<String>)]? {
        query(at: commit, layers: Layer.allCases, tolerateBroken: tolerateBroken) { db in
            var out: [String: (kinds: Set<RecordKind>, categories: Set<String>)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT dir, kind, category FROM records") {
                let dir: String = row[0]
                if let k = RecordKind(rawValue: row[1]) { out[dir, default: ([], [])].kinds.insert(k) }
                if let c: String = row[2] { out[dir, default: ([], [])].categories.insert(c) }
            }
            return out
        }
    }

    /// A follow-up as far as its columns tell (no narrative, findings or review notes):
    /// enough for filters, counts, statistics and the `followups` table.
    struct FollowUpRow {
        let incident: Incident
        let followUp: FollowUp
        let path: String
        let dir: String
    }

    /// Every follow-up with the incident of its folder, as the direct reader pairs them.
    /// For `followups --json`, `--links` and `--mine`, which go on to read each file kept;
    /// the table and the counts are `IndexAggregates`' queries.
    func followUpRows(at commit: OID) -> [FollowUpRow]? {
        query(at: commit, layers: Layer.allCases) { db in
            let sql = """
                SELECT \(Self.summaryColumns(of: "i")),
                    r.id, r.subkind, r.status, r.owner, r.due, r.created, r.resolved_at, r.last_reviewed, r.path,
                    r.title, r.priority, r.parent
                FROM records r JOIN incidents i ON i.dir = r.dir WHERE r.kind = 'FU'
                """
            var incidents: [String: Incident] = [:]
            var out: [FollowUpRow] = []
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() {
                let dir: String = row[15]
                let incident: Incident
                if let known = incidents[dir] {
                    incident = known
                } else {
                    guard let s = Self.summary(row) else { continue }
                    incident = Incident(summary: s)
                    incidents[dir] = incident
                }
                guard let id = RecordID(indexed: row[16]) else { continue }
                var fu = FollowUp(id: id, incident: RecordID(indexed: row[27] as String? ?? "") ?? incident.id, kind: .bug,
                                  title: row[25] ?? "")
                fu.priority = (row[26] as String?).flatMap(Priority.init(rawValue:))
                fu.followUpKind = (row[17] as String?).flatMap(FollowUpKind.init(rawValue:))
                fu.status = (row[18] as String?).flatMap(FollowUpStatus.init(rawValue:)) ?? .open
                fu.owner = row[19]
                fu.due = (row[20] as Int64?).map(Day.init(days:))
                fu.created = (row[21] as Int64?).map { Timestamp(seconds: $0) }
                fu.resolvedAt = (row[22] as Int64?).map { Timestamp(seconds: $0) }
                if let last = row[23] as Int64? {
                    fu.reviews = [FollowUp.Review(date: Timestamp(seconds: last), reviewer: "", note: nil)]
                }
                out.append(FollowUpRow(incident: incident, followUp: fu, path: row[24], dir: dir))
            }
            return out
        }
    }

    /// The files of records, by path, as the index read them.
    func bodies(_ paths: [String], at commit: OID) -> [Data]? {
        query(at: commit, layers: Layer.allCases) { db in
            let statement = try db.cachedStatement(sql: "SELECT body FROM records WHERE path = ?")
            return try paths.map { path in
                guard let data = try Data.fetchOne(statement, arguments: [path]) else {
                    throw InquestError(.repository, "\(path) is not in the index")
                }
                return data
            }
        }
    }
}

extension RecordID {
    /// An ID as the index stores it (`RecordID.description`), checked byte by byte: the
    /// same IDs `init(exactly:)` accepts in that spelling, without its normalising. Read for
    /// every row of a listing, so it compares bytes and allocates nothing (the random part
    /// fits in a small string).
    init?(indexed text: String) {
        let utf8 = text.utf8
        var kind: RecordKind?
        var prefix = 0
        for k in RecordKind.allCases {
            let name = k.rawValue.utf8
            if utf8.count > name.count, utf8.starts(with: name),
               utf8[utf8.index(utf8.startIndex, offsetBy: name.count)] == UInt8(ascii: "-") {
                kind = k
                prefix = name.count + 1
                break
            }
        }
        guard let kind, utf8.count - prefix == RecordID.randomLength else { return nil }
        let random = utf8.dropFirst(prefix)
        guard random.allSatisfy({ $0 < 128 && RecordID.asciiAlphabet[Int($0)] }) else { return nil }
        self.init(kind: kind, random: String(Substring(random)))
    }

    /// Whether each ASCII byte is a character of `alphabet`.
    static let asciiAlphabet: [Bool] = (0..<128).map { b in alphabet.contains(Character(Unicode.Scalar(UInt8(b)))) }
}
