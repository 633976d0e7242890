import Foundation
import GitKit

/// What `inquest import` did, or would do with `--dry-run`.
public struct ImportReport: Sendable {
    /// One incident taken in.
    public struct Imported: Sendable {
        public let id: RecordID
        public let title: String
        public let source: String
        public let events: Int
        public let findings: Int
        public let followUps: Int
    }

    /// One source refused, with every reason (file, record, field).
    public struct Rejected: Sendable {
        public let source: String
        public let problems: [String]
    }

    public var imported: [Imported] = []
    public var rejected: [Rejected] = []
    public var dryRun = false
    /// The commit made, nil for a dry run or when nothing was written.
    public var commit: String?
    /// Files written (or that would be).
    public var files = 0

    public func json() -> JSONValue {
        .object([
            "dry_run": .bool(dryRun),
            "commit": .text(commit),
            "files": .int(Int64(files)),
            "imported": .array(imported.map { i in
                .object(["id": .string(i.id.description), "title": .string(i.title), "source": .string(i.source),
                         "timeline": .int(Int64(i.events)), "findings": .int(Int64(i.findings)),
                         "followups": .int(Int64(i.followUps))])
            }),
            "rejected": .array(rejected.map { r in
                .object(["source": .string(r.source), "problems": .strings(r.problems)])
            }),
        ])
    }
}

/// Where `inquest import` reads from, and how.
public struct ImportOptions: Sendable {
    public var mapping = ImportMapping()
    public var dryRun = false
    public var skipInvalid = false
    public init() {}
}

extension Postmortems {
    /// Imports existing postmortems in one commit: a Markdown file or a folder of them, or
    /// a file of JSON values in the shape of `show --json` (`.json`, `.jsonl`, `.ndjson`).
    ///
    /// Every source is read and checked first; unless every one is valid (or `skipInvalid`
    /// says to leave the invalid out), nothing is written and the error lists every problem.
    public func importPostmortems(from path: String, options: ImportOptions) throws -> ImportReport {
        var report = ImportReport()
        report.dryRun = options.dryRun
        // Each valid incident's files go straight into a pack held in memory, compressed,
        // and only their ids are kept: memory stays a fraction of the input's size. The pack
        // reaches the repository only once every source has been checked.
        let writer = options.dryRun ? nil : try store.repository.packedObjectWriter(flushBytes: .max)
        let snapshot = try self.snapshot()
        let existing = try BranchIDs(snapshot)
        var candidates: [Prepared] = []
        var rejected: [String: [String]] = [:]
        var order: [String] = []
        func reject(_ source: String, _ lines: [String]) {
            if rejected[source] == nil { order.append(source) }
            rejected[source, default: []] += lines
        }
        try ImportSources.read(path) { source in
            do {
                let candidate: ImportCandidate
                switch source.content {
                case .markdown(let data):
                    candidate = try MarkdownImport.candidate(data, source: source.name, mapping: options.mapping, now: now)
                case .json(let value):
                    candidate = try JSONImport.candidate(value, source: source.name, now: now)
                case .unreadable(let message):
                    reject(source.name, [message])
                    return
                }
                let files = candidate.files()
                var problems = candidate.problems(files, now: now).map(\.description)
                var seen = Set<RecordID>()
                for id in candidate.ids {
                    if !seen.insert(id).inserted {
                        problems.append("\(source.name): \(id): id: given twice in this source")
                    } else if let path = existing.paths[id] {
                        problems.append("\(source.name): \(id): id: already on the '\(branch)' branch (\(path))")
                    }
                }
                guard problems.isEmpty else { return reject(source.name, problems) }
                let blobs = try writer.map { w in try files.map { (path: $0.path, id: try w.writeBlob($0.data)) } } ?? []
                candidates.append(Prepared(candidate, files: files.count, blobs: blobs))
            } catch let e as InquestError {
                reject(source.name, e.lines)
            }
        }

        // An ID given twice in the input: neither can be trusted to be the one meant.
        var firstSeen: [RecordID: String] = [:]
        for c in candidates {
            for id in c.ids {
                if let other = firstSeen[id], other != c.source {
                    reject(c.source, ["\(c.source): \(id): id: also given in \(other)"])
                    reject(other, ["\(other): \(id): id: also given in \(c.source)"])
                } else {
                    firstSeen[id] = c.source
                }
            }
        }
        report.rejected = order.map { ImportReport.Rejected(source: $0, problems: rejected[$0]!) }
        let accepted = candidates.filter { rejected[$0.source] == nil }
        report.imported = accepted.map(\.summary)
        if !report.rejected.isEmpty && !options.skipInvalid {
            if options.dryRun { return report }
            throw InquestError(.policy, ["nothing imported: \(report.rejected.count) of \(order.count + accepted.count) sources are invalid"]
                                   + report.rejected.flatMap { $0.problems.map { "  \($0)" } },
                               hint: "fix them, or pass --skip-invalid to import the rest")
        }
        report.files = accepted.reduce(0) { $0 + $1.files }
        guard let writer, !accepted.isEmpty else { return report }
        var blobs: [(path: String, id: OID)] = []
        for c in accepted { blobs += c.blobs }
        candidates = []
        // (With --skip-invalid, the blobs of a source refused for an ID it shares with another
        // are in the pack too, unreferenced, until `git gc` prunes them.)
        try writer.flush()

        let ids = accepted.map(\.summary.id)
        let name = (path as NSString).lastPathComponent
        let commit = try store.commitBlobs(try self.writer(), blobs, subject: "import \(plural(ids.count, "incident")) from \(name)",
                                           records: ids.map(\.description)) { tip in
            // Someone wrote in the meantime: their new records must not collide either.
            guard tip.commit != snapshot.commit else { return }
            let now = try BranchIDs(tip)
            let clashes = accepted.flatMap { c in c.ids.compactMap { id in now.paths[id].map { "\(c.source): \(id): id: already on the '\(self.branch)' branch (\($0))" } } }
            if !clashes.isEmpty { throw InquestError(.policy, ["nothing imported: the branch moved while importing"] + clashes.map { "  \($0)" }) }
        }
        report.commit = commit.hex
        return report
    }
}

/// A valid incident reduced to what the import still needs: its IDs and its files.
struct Prepared {
    let source: String
    let ids: [RecordID]
    let summary: ImportReport.Imported
    /// How many files it is, and their blobs (none in a dry run).
    let files: Int
    let blobs: [(path: String, id: OID)]

    init(_ c: ImportCandidate, files: Int, blobs: [(path: String, id: OID)]) {
        source = c.source
        ids = c.ids
        let b = c.bundle
        summary = ImportReport.Imported(id: b.incident.id, title: b.incident.title, source: c.source,
                                        events: b.events.count, findings: b.findings.count, followUps: b.followUps.count)
        self.files = files
        self.blobs = blobs
    }
}

/// Every record ID on a branch, with its path, read from the tree listing alone.
struct BranchIDs {
    var paths: [RecordID: String] = [:]

    init(_ snapshot: Snapshot) throws {
        for loc in try snapshot.incidents() {
            paths[loc.id] = loc.dir
            for dir in [Layout.timelineDir, Layout.findingsDir, Layout.followUpsDir] {
                for child in try snapshot.children(of: loc, in: dir) { paths[child.id] = child.path }
            }
        }
    }
}
