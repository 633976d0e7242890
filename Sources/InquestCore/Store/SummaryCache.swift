import Foundation
import GitKit

/// Summaries of incidents by the blob id of their `incident.md`, kept in the git directory
/// (`<git dir>/inquest/summaries.json`) so that listing thousands of incidents parses only
/// the files that changed since the last listing. A blob id names exact content, so an
/// entry can never be stale; a missing, unreadable or older-format cache is just rebuilt.
final class SummaryCache {
    private struct Row: Codable {
        var id, title, severity, status: String
        var customerImpact, dataBreach: Bool
        var owner: String?
        var created: Int64
        var started, detected, contained, resolved: Int64?
        var tags: [String]
    }

    private struct File: Codable {
        var version: Int
        var rows: [String: Row]
    }

    private static let version = 1
    private let path: String
    private var rows: [String: Row] = [:]
    private var used: Set<String> = []
    private var changed = false

    init(gitDirectory: String) {
        path = gitDirectory + "/inquest/summaries.json"
        if let data = FileManager.default.contents(atPath: path),
           let file = try? JSONDecoder().decode(File.self, from: data), file.version == Self.version {
            rows = file.rows
        }
    }

    /// The summary of the incident whose file is `blob`, parsing it with `load` on a miss.
    func summary(blob: OID, load: () throws -> Incident) throws -> IncidentSummary {
        let key = blob.hex
        used.insert(key)
        if let row = rows[key], let summary = Self.summary(row) { return summary }
        let summary = IncidentSummary(try load())
        rows[key] = Self.row(summary)
        changed = true
        return summary
    }

    /// Writes the cache when it learned something, keeping only what this listing used, so
    /// it never grows past the branch. A cache that cannot be written is simply not kept.
    func save() {
        guard changed || used.count != rows.count else { return }
        let kept = rows.filter { used.contains($0.key) }
        guard let data = try? JSONEncoder().encode(File(version: Self.version, rows: kept)) else { return }
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }

    private static func row(_ s: IncidentSummary) -> Row {
        Row(id: s.id.description, title: s.title, severity: s.severity.rawValue, status: s.status.rawValue,
            customerImpact: s.customerImpact, dataBreach: s.dataBreach, owner: s.owner, created: s.created.seconds,
            started: s.started?.seconds, detected: s.detected?.seconds, contained: s.contained?.seconds,
            resolved: s.resolved?.seconds, tags: s.tags)
    }

    /// nil when the row does not describe a valid summary (then the file is parsed again).
    private static func summary(_ r: Row) -> IncidentSummary? {
        guard let id = RecordID(exactly: r.id), let severity = Severity(rawValue: r.severity),
              let status = IncidentStatus(rawValue: r.status) else { return nil }
        return IncidentSummary(
            id: id, title: r.title, severity: severity, status: status, customerImpact: r.customerImpact,
            dataBreach: r.dataBreach, owner: r.owner, created: Timestamp(seconds: r.created),
            started: r.started.map { Timestamp(seconds: $0) }, detected: r.detected.map { Timestamp(seconds: $0) },
            contained: r.contained.map { Timestamp(seconds: $0) }, resolved: r.resolved.map { Timestamp(seconds: $0) },
            tags: r.tags)
    }
}
