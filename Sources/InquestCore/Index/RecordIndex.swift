import Foundation
import GitKit
import GRDB

/// A derived, local SQLite index of one data branch, under the git directory
/// (`<git dir>/inquest/index/<branch>.sqlite3`), never committed and never a source of truth.
///
/// Every answer is given at one commit: a query first checks, inside its transaction, that
/// the index was built from exactly that commit, and if not, brings it there from the tree
/// diff between the indexed commit and that one (only what changed is read), in a write
/// transaction that also runs the query. Two processes therefore never see a half-updated
/// index nor an answer for another commit; SQLite's locking (WAL, busy timeout) orders
/// them. A missing, corrupt, truncated or other-version file is deleted and rebuilt. When
/// the index cannot be used at all (read-only repository, full disk), `query` returns nil
/// and the caller reads the branch directly: the index never makes a read fail.
public final class RecordIndex {
    enum Layer: String, CaseIterable {
        case incidents, records
        var metaKey: String { "commit.\(rawValue)" }
    }

    let repository: Repository
    /// nil: an in-memory index, built for one query (search without the on-disk index).
    let path: String?
    private var queue: DatabaseQueue?
    /// Set once the index has failed in this process: later queries go straight to the branch.
    private var unusable = false

    init(repository: Repository, path: String?) {
        self.repository = repository
        self.path = path
    }

    /// The index file of a branch: its name is the branch's hex, so any branch name is a
    /// safe file name.
    static func defaultPath(repository: Repository, referenceName: String) -> String {
        let hex = Hex.lowercase(referenceName.utf8)
        return repository.commonDirectory + "/inquest/index/\(hex).sqlite3"
    }

    /// Runs `body` on the index as built from `commit` (its layers brought up to date
    /// first); nil when the index cannot be used, so the caller reads the branch directly.
    /// `tolerateBroken`: answer even when the layers hold files that did not parse (search,
    /// which leaves them out, with or without the index).
    func query<T>(at commit: OID, layers: [Layer], tolerateBroken: Bool = false, _ body: (Database) throws -> T) -> T? {
        guard !unusable else { return nil }
        for attempt in 0..<2 {
            do {
                return try run(at: commit, layers: layers, tolerateBroken: tolerateBroken, body)
            } catch let e as DatabaseError where attempt == 0 && Self.isDamage(e) {
                // Corrupt, truncated, or not a database: start again from nothing, once.
                reset()
            } catch {
                // Anything else (a read-only folder, a full disk, a broken record file, a busy
                // lock past its timeout): the caller reads the branch directly.
                break
            }
        }
        unusable = true
        queue = nil
        return nil
    }

    private func run<T>(at commit: OID, layers: [Layer], tolerateBroken: Bool, _ body: (Database) throws -> T) throws -> T {
        let db = try database()
        var result: T?
        // Most runs find the index current: a read transaction (a consistent snapshot in WAL).
        try db.inDatabase { db in
            try db.inTransaction(.deferred) {
                if try layers.allSatisfy({ try Self.indexedCommit(db, $0) == commit.hex }) {
                    if !tolerateBroken { try Self.refuseBroken(db, layers) }
                    result = try body(db)
                }
                return .commit
            }
        }
        if let result { return result }
        // Otherwise bring it to `commit` and answer in the same write transaction, so no other
        // process can move it to another commit between the update and the answer.
        try db.inDatabase { db in
            try db.inTransaction(.immediate) {
                var sync = IndexSync(repository: repository, db: db)
                for layer in layers { try sync.sync(layer, to: commit) }
                // Commit the update even when a broken file sends this reader to the branch.
                if tolerateBroken || (try? Self.refuseBroken(db, layers)) != nil { result = try body(db) }
                return .commit
            }
        }
        guard let result else { throw BrokenRecords() }
        return result
    }

    /// Thrown when a layer holds a record file that does not parse: the reader then reads
    /// the branch directly, and says about that file what the direct readers say.
    struct BrokenRecords: Error {}

    private static func refuseBroken(_ db: Database, _ layers: [Layer]) throws {
        let names = layers.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM broken WHERE layer IN (\(names)) LIMIT 1") == true {
            throw BrokenRecords()
        }
    }

    private func database() throws -> DatabaseQueue {
        if let queue { return queue }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.label = "inquest-index"
        let q: DatabaseQueue
        if let path {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            config.prepareDatabase { db in
                // WAL: readers never block the one writer, and a crash mid-update leaves the last
                // committed index. NORMAL sync is enough for a cache that can always be rebuilt.
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            q = try DatabaseQueue(path: path, configuration: config)
        } else {
            q = try DatabaseQueue(configuration: config)
        }
        try q.inDatabase { db in try Self.prepareSchema(db, onDisk: path != nil) }
        queue = q
        return q
    }

    /// Creates the tables in a new file; an index of another version is deleted first.
    private static func prepareSchema(_ db: Database, onDisk: Bool) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version == IndexSchema.version { return }
        try db.inTransaction(.immediate) {
            // Checked again under the write lock: another process may have just done it.
            let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if current == IndexSchema.version { return .commit }
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'texts_%'")
            for t in tables { try db.execute(sql: "DROP TABLE IF EXISTS \"\(t)\"") }
            for statement in IndexSchema.statements { try db.execute(sql: statement) }
            // An index in memory serves one search: the listings' covering indexes would only
            // add to its peak memory.
            if onDisk { for statement in IndexSchema.listingIndexes { try db.execute(sql: statement) } }
            try db.execute(sql: "PRAGMA user_version = \(IndexSchema.version)")
            return .commit
        }
    }

    static func indexedCommit(_ db: Database, _ layer: Layer) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [layer.metaKey])
    }

    /// Damage that a rebuild cures, as opposed to a read-only folder or a full disk.
    private static func isDamage(_ e: DatabaseError) -> Bool {
        let codes: [ResultCode] = [.SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_SCHEMA, .SQLITE_MISMATCH, .SQLITE_ERROR]
        return codes.contains(e.resultCode.primaryResultCode)
    }

    /// Deletes the index files; another process still holding them open keeps its own copy.
    private func reset() {
        queue = nil
        guard let path else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
