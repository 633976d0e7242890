import Foundation
import GitKit
import GRDB

/// One record found by `inquest search`.
public struct SearchHit: Sendable {
    public let id: RecordID
    public let incident: RecordID
    public let incidentTitle: String
    /// The record's own title (empty for a timeline event).
    public let title: String
    public let path: String
    /// The best matching passage; `SearchHit.markStart` / `markEnd` surround each match.
    public let snippet: String
    /// bm25 relevance, higher is better (rounded, so equal data gives equal output).
    public let score: Double

    public static let markStart: Character = "\u{2}"
    public static let markEnd: Character = "\u{3}"
}

/// Turns what a user typed into an FTS5 query that can never be a syntax error: every word
/// becomes a quoted string (a `"…"` group stays one phrase), a trailing `*` asks for a
/// prefix, and the words must all occur (AND). Operators and punctuation are plain text.
public enum SearchQuery {
    public static func fts(_ text: String) -> String? {
        var terms: [String] = []
        var current = ""
        var inQuotes = false
        func flush() {
            defer { current = "" }
            var word = current
            var prefix = false
            if !inQuotes, word.hasSuffix("*") { word.removeLast(); prefix = true }
            // Only letters and digits make FTS5 tokens; a term without any would match nothing.
            guard word.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            else { return }
            terms.append("\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : ""))
        }
        for c in text {
            if c == "\"" {
                flush()
                inQuotes.toggle()
            } else if c.isWhitespace && !inQuotes {
                flush()
            } else {
                current.append(c)
            }
        }
        inQuotes = false
        flush()
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}

extension RecordIndex {
    /// Records matching `match` (an FTS5 query from `SearchQuery.fts`), best first, with
    /// their incident's summary for the filters.
    func search(_ match: String, at commit: OID) -> [(hit: SearchHit, kind: RecordKind, incident: IncidentSummary)]? {
        query(at: commit, layers: Layer.allCases, tolerateBroken: true) { db in
            let sql = """
                SELECT d.id, d.path, texts.title,
                    snippet(texts, -1, char(2), char(3), '…', 16), bm25(texts, 4.0, 1.0),
                    \(Self.summaryColumns(of: "i"))
                FROM texts JOIN docs d ON d.rowid = texts.rowid JOIN incidents i ON i.dir = d.dir
                WHERE texts MATCH ?
                """
            var out: [(SearchHit, RecordKind, IncidentSummary)] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: [match]) {
                guard let id = RecordID(exactly: row[0]), let incident = Self.summary(row, from: 5) else { continue }
                let score = ((-(row[4] as Double)) * 1000).rounded() / 1000
                out.append((SearchHit(id: id, incident: incident.id, incidentTitle: incident.title, title: row[2],
                                      path: row[1], snippet: row[3], score: score + 0), id.kind, incident))
            }
            return out.sorted { a, b in a.0.score != b.0.score ? a.0.score > b.0.score : a.0.id < b.0.id }
        }
    }
}
