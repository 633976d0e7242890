/// The tables of the derived index (see `RecordIndex`). Bump `version` whenever a table or
/// what goes into a column changes: an index of another version is deleted and rebuilt.
enum IndexSchema {
    static let version = 4

    /// Two layers, each with its own indexed commit in `meta`, so that `list` on a cold
    /// index reads only the `incident.md` files and never the records under them:
    /// - `incidents`: one row per `incident.md` (the columns `list` shows and filters on);
    /// - `records`: one row per timeline event, finding and follow-up, and the full text of
    ///   every record (incidents included) for search.
    ///
    /// Times are seconds since 1970 (UTC). `incidents.day_only` and `incidents.unknown` are
    /// bit sets over `TimeColumns.bits`: which times are known only to the day, and which
    /// were stated as `unknown` (their column is then NULL).
    static let statements = [
        "CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
        """
        CREATE TABLE incidents(
            path TEXT PRIMARY KEY NOT NULL, dir TEXT NOT NULL, id TEXT NOT NULL, blob TEXT NOT NULL,
            title TEXT NOT NULL, severity TEXT NOT NULL, status TEXT NOT NULL,
            customer_impact INTEGER NOT NULL, data_breach INTEGER NOT NULL, owner TEXT,
            created INTEGER NOT NULL, started INTEGER, detected INTEGER, contained INTEGER, resolved INTEGER,
            day_only INTEGER NOT NULL, unknown INTEGER NOT NULL, tags TEXT NOT NULL)
        """,
        "CREATE INDEX incidents_id ON incidents(id)",
        "CREATE INDEX incidents_dir ON incidents(dir)",
        """
        CREATE TABLE records(
            path TEXT PRIMARY KEY NOT NULL, dir TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
            blob TEXT NOT NULL, subkind TEXT, status TEXT, owner TEXT, category TEXT, due INTEGER,
            created INTEGER, resolved_at INTEGER, last_reviewed INTEGER, title TEXT, priority TEXT,
            parent TEXT, body BLOB)
        """,
        "CREATE INDEX records_kind_id ON records(kind, id)",
        "CREATE INDEX records_dir ON records(dir)",
        // The searchable text; `docs` maps a record's path to its row in `texts`.
        "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, dir TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL)",
        // Record files that did not parse, by the layer that read them: while a layer has one,
        // its readers read the branch directly, so the answer (an error naming the file, or
        // whatever the direct readers do with it) is exactly theirs.
        "CREATE TABLE broken(path TEXT NOT NULL, layer TEXT NOT NULL, PRIMARY KEY(path, layer))",
        "CREATE VIRTUAL TABLE texts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
    ]

    /// Covering indexes for the listings (`IndexAggregates`): `followups`, its summary and
    /// `stats` read only these b-trees, never the rows with each record's file, nor the
    /// incidents' rows for a join. Made in the index on disk only.
    static let listingIndexes = [
        "CREATE INDEX records_followups ON records(kind, dir, id, status, due, owner, priority, title, parent, created, resolved_at, last_reviewed)",
        "CREATE INDEX records_findings ON records(kind, dir, category)",
        "CREATE INDEX incidents_dir_covering ON incidents(dir, id, created, started)",
        // `list`'s order (`RecordIndex.listing`, `Postmortems.incidents`), so its rows come
        // out sorted: newest first, then the greater ID, then the path (BINARY: byte order).
        "CREATE INDEX incidents_listing ON incidents(COALESCE(started, created) DESC, id DESC, path)",
    ]
}

/// The incident times the index keeps, and the bit of each in `day_only` and `unknown`.
enum TimeColumns {
    static let bits: [(field: String, bit: Int64)] = [
        ("started", 1), ("detected", 2), ("contained", 4), ("resolved", 8), ("created", 16),
    ]
}
