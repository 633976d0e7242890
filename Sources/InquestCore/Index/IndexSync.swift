import Foundation
import GitKit
import GRDB

/// Brings one layer of the index from the commit it was built from to another, reading
/// only the files that differ between the two trees (all of them when there is no usable
/// earlier commit: a new index, or a branch reset to a commit whose history was pruned).
struct IndexSync {
    let repository: Repository
    let db: Database
    /// The layer being brought up to date (for `broken`).
    private var current = RecordIndex.Layer.incidents

    init(repository: Repository, db: Database) {
        self.repository = repository
        self.db = db
    }

    /// Runs one of this file's statements, compiled once per connection: a first build runs
    /// the same few statements ten thousand times, and compiling each every time cost about
    /// a fifth of a cold `list`.
    private func execute(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    mutating func sync(_ layer: RecordIndex.Layer, to commit: OID) throws {
        current = layer
        let indexed = try RecordIndex.indexedCommit(db, layer)
        if indexed == commit.hex { return }
        let newTree = try repository.commit(commit).tree
        // The earlier commit may be gone (reset and pruned); then every file is new.
        let oldTree = indexed.flatMap { OID(hex: $0) }.flatMap { try? repository.commit($0).tree }
        if oldTree == nil { try clear(layer) }
        let changes: [(path: String, newID: OID?)]
        if oldTree == nil && layer == .incidents {
            // A first build of the incidents part reads only the `incident.md` entries, not a
            // diff of the whole tree (nine files in ten are records under the incidents).
            changes = try incidentFiles(newTree).map { ($0.path, $0.blob) }
        } else {
            changes = try repository.diffTrees(oldTree, newTree).map { ($0.path, $0.newID) }
        }
        for change in changes {
            guard let place = IndexedPath(change.path) else { continue }
            try execute(sql: "DELETE FROM broken WHERE path = ? AND layer = ?", arguments: [change.path, layer.rawValue])
            current = layer
            switch (layer, place) {
            case (.incidents, .incident):
                try execute(sql: "DELETE FROM incidents WHERE path = ?", arguments: [change.path])
                if let blob = change.newID { try addIncident(change.path, place, blob) }
            case (.records, _):
                try removeText(change.path)
                if case .child = place {
                    try execute(sql: "DELETE FROM records WHERE path = ?", arguments: [change.path])
                }
                if let blob = change.newID { try addRecord(change.path, place, blob) }
            default:
                continue
            }
        }
        try execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                       arguments: [layer.metaKey, commit.hex])
    }

    /// Every `incidents/<month>/<incident>/incident.md` blob of a tree, as `Snapshot.incidents()` finds them.
    private func incidentFiles(_ tree: OID) throws -> [(path: String, blob: OID)] {
        guard let root = try repository.treeEntry(at: Layout.incidentsRoot, in: tree), root.kind == .tree else { return [] }
        var out: [(String, OID)] = []
        for month in try repository.treeEntries(root.id) where month.kind == .tree {
            for folder in try repository.treeEntries(month.id) where folder.kind == .tree {
                guard let entry = try repository.treeEntry(at: Layout.incidentFile, in: folder.id),
                      entry.kind == .blob else { continue }
                out.append(("\(Layout.incidentsRoot)/\(month.name)/\(folder.name)/\(Layout.incidentFile)", entry.id))
            }
        }
        return out
    }

    private func clear(_ layer: RecordIndex.Layer) throws {
        try execute(sql: "DELETE FROM broken WHERE layer = ?", arguments: [layer.rawValue])
        switch layer {
        case .incidents:
            try execute(sql: "DELETE FROM incidents")
        case .records:
            try execute(sql: "DELETE FROM records")
            try execute(sql: "DELETE FROM docs")
            try execute(sql: "DELETE FROM texts")
        }
    }

    /// Parses a record; a file that cannot be read is left out and noted in `broken`, so
    /// that readers of this layer answer from the branch as if there were no index.
    private func parse<R: Record>(_ type: R.Type, _ path: String, _ data: Data) throws -> R? {
        do {
            return try R(data: data, path: path)
        } catch {
            try execute(sql: "INSERT OR REPLACE INTO broken(path, layer) VALUES (?, ?)",
                           arguments: [path, current.rawValue])
            return nil
        }
    }

    private func blobData(_ path: String, _ blob: OID) -> Data? {
        // A path that is not a blob (a submodule entry, say) is not a record.
        try? repository.readBlob(blob)
    }

    private func addIncident(_ path: String, _ place: IndexedPath, _ blob: OID) throws {
        guard let data = blobData(path, blob), let i = try parse(Incident.self, path, data) else { return }
        // Precision and `unknown` are kept in two bit sets, so the time reads back as written.
        var dayOnly: Int64 = 0, unknown: Int64 = 0
        for (field, bit) in TimeColumns.bits {
            let t = field == "created" ? i.created : i.time(field)
            if t?.isDayOnly == true { dayOnly |= bit }
            if i.unknownTimes.contains(field) { unknown |= bit }
        }
        try execute(sql: """
            INSERT OR REPLACE INTO incidents(path, dir, id, blob, title, severity, status, customer_impact, data_breach,
                owner, created, started, detected, contained, resolved, day_only, unknown, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [path, place.dir, i.id.description, blob.hex, i.title, i.severity.rawValue,
                             i.status.rawValue, i.customerImpact, i.dataBreach, i.owner, i.created.seconds,
                             i.started?.seconds, i.detected?.seconds, i.contained?.seconds, i.resolved?.seconds,
                             dayOnly, unknown, TagList.encode(i.tags)])
    }

    private func addRecord(_ path: String, _ place: IndexedPath, _ blob: OID) throws {
        guard let data = blobData(path, blob) else { return }
        let text: (title: String, body: String)
        switch place.id.kind {
        case .incident:
            guard let r = try parse(Incident.self, path, data) else { return }
            text = SearchText.of(r)
        case .event:
            guard let r = try parse(TimelineEvent.self, path, data) else { return }
            text = SearchText.of(r)
            try insertRecord(path, place, blob, subkind: r.eventKind.rawValue)
        case .finding:
            guard let r = try parse(Finding.self, path, data) else { return }
            text = SearchText.of(r)
            try insertRecord(path, place, blob, category: r.category?.rawValue)
        case .followUp:
            guard let r = try parse(FollowUp.self, path, data) else { return }
            text = SearchText.of(r)
            try insertRecord(path, place, blob, subkind: r.followUpKind?.rawValue, status: r.status.rawValue,
                             owner: r.owner, due: r.due?.days, created: r.created?.seconds,
                             resolvedAt: r.resolvedAt?.seconds, lastReviewed: r.lastReviewed?.seconds,
                             title: r.title, priority: r.priority?.rawValue, parent: r.incident.description, body: data)
        }
        try execute(sql: "INSERT INTO docs(path, dir, id, kind) VALUES (?, ?, ?, ?)",
                       arguments: [path, place.dir, place.id.description, place.id.kind.rawValue])
        try execute(sql: "INSERT INTO texts(rowid, title, body) VALUES (?, ?, ?)",
                       arguments: [db.lastInsertedRowID, text.title, text.body])
    }

    private func insertRecord(_ path: String, _ place: IndexedPath, _ blob: OID, subkind: String? = nil,
                              status: String? = nil, owner: String? = nil, category: String? = nil,
                              due: Int64? = nil, created: Int64? = nil, resolvedAt: Int64? = nil,
                              lastReviewed: Int64? = nil, title: String? = nil, priority: String? = nil,
                              parent: String? = nil, body: Data? = nil) throws {
        try execute(sql: """
            INSERT INTO records(path, dir, id, kind, blob, subkind, status, owner, category, due, created,
                resolved_at, last_reviewed, title, priority, parent, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [path, place.dir, place.id.description, place.id.kind.rawValue, blob.hex, subkind,
                             status, owner, category, due, created, resolvedAt, lastReviewed, title, priority,
                             parent, body])
    }

    private func removeText(_ path: String) throws {
        guard let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM docs WHERE path = ?", arguments: [path])
        else { return }
        try execute(sql: "DELETE FROM texts WHERE rowid = ?", arguments: [rowid])
        try execute(sql: "DELETE FROM docs WHERE rowid = ?", arguments: [rowid])
    }
}

/// Tags in one column, each as its length in bytes, a colon, and itself: exact for any
/// text a tag can hold (no separator character to escape).
enum TagList {
    static func encode(_ tags: [String]) -> String {
        tags.map { "\($0.utf8.count):\($0)" }.joined()
    }

    static func decode(_ text: String) -> [String] {
        var out: [String] = []
        var bytes = Substring(text).utf8[...]
        while let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              let n = Int(String(Substring(bytes[bytes.startIndex..<colon]))) {
            let start = bytes.index(after: colon)
            guard let end = bytes.index(start, offsetBy: n, limitedBy: bytes.endIndex) else { break }
            out.append(String(Substring(bytes[start..<end])))
            bytes = bytes[end...]
        }
        return out
    }
}
