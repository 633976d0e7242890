import Foundation
import GitKit

/// Where an incident's folder is, as found by listing the branch.
public struct IncidentLocation: Hashable, Sendable {
    public let id: RecordID
    public let dir: String
    let tree: OID
}

/// Where a record of any kind is.
public struct RecordLocation: Hashable, Sendable {
    public let id: RecordID
    public let path: String
    public let incident: IncidentLocation
    /// The file's blob, when the listing that found it knew it (saves a path lookup).
    let blob: OID?

    init(id: RecordID, path: String, incident: IncidentLocation, blob: OID? = nil) {
        self.id = id
        self.path = path
        self.incident = incident
        self.blob = blob
    }
}

/// An incident with everything under it, read from one commit.
public struct IncidentBundle: Sendable {
    public var incident: Incident
    public var dir: String
    public var events: [TimelineEvent]
    public var findings: [Finding]
    public var followUps: [FollowUp]

    /// Every unresolved conflict in the incident and the records under it.
    public var conflicts: [(record: RecordID, conflict: FieldConflict)] {
        incident.conflicts.map { (incident.id, $0) }
            + events.flatMap { e in e.conflicts.map { (e.id, $0) } }
            + findings.flatMap { f in f.conflicts.map { (f.id, $0) } }
            + followUps.flatMap { f in f.conflicts.map { (f.id, $0) } }
    }

    /// Follow-ups linked to a finding, from either side of the link.
    /// A record under the incident, for `show` of a finding, follow-up or event.
    public enum Record: Sendable {
        case event(TimelineEvent)
        case finding(Finding)
        case followUp(FollowUp)

        public var id: RecordID {
            switch self {
            case .event(let r): r.id
            case .finding(let r): r.id
            case .followUp(let r): r.id
            }
        }
    }

    /// The event, finding or follow-up with this ID, if it is one of the incident's.
    public func record(_ id: RecordID) -> Record? {
        if let r = events.first(where: { $0.id == id }) { return .event(r) }
        if let r = findings.first(where: { $0.id == id }) { return .finding(r) }
        if let r = followUps.first(where: { $0.id == id }) { return .followUp(r) }
        return nil
    }

    public func followUps(of finding: Finding) -> [String] {
        var ids = finding.followups
        for fu in followUps where fu.findings.contains(finding.id.description) && !ids.contains(fu.id.description) {
            ids.append(fu.id.description)
        }
        return ids
    }
}

/// A read-only view of the data branch at one commit.
public final class Snapshot {
    let repository: Repository
    public let commit: OID?
    public let tree: OID?
    /// The remote-tracking ref this was read from, standing in for a missing local branch.
    public internal(set) var upstream: String?
    private var cachedIncidents: [IncidentLocation]?
    /// Set by readers (`list`, `show`, `report`, `stats`, `site`, `followups`): a record that
    /// cannot be read is skipped and reported here instead of failing the whole command.
    /// Unset (writes, `check`, hooks), it is an error.
    public var skipUnreadable: ((String) -> Void)?
    /// The branch's index, when this is the branch's tip and the index is on: ID lookups
    /// then read one index row instead of probing every incident's folders.
    var index: RecordIndex?

    init(repository: Repository, commit: OID?) throws {
        self.repository = repository
        self.commit = commit
        self.tree = try commit.map { try repository.commit($0).tree }
    }

    /// A view of a tree that is not (yet) a commit, such as the staging area.
    init(repository: Repository, tree: OID) {
        self.repository = repository
        self.commit = nil
        self.tree = tree
    }

    public func data(at path: String) throws -> Data? {
        guard let tree, let entry = try repository.treeEntry(at: path, in: tree), entry.kind == .blob, entry.isFile else {
            return nil
        }
        return try repository.readRecord(entry.id, path: path)
    }

    /// The names of the incident templates on the branch (`.inquest/templates/NAME.md`).
    public func templateNames() throws -> [String] {
        guard let tree, let dir = try repository.treeEntry(at: Layout.templatesDir, in: tree), dir.kind == .tree else {
            return []
        }
        return try repository.treeEntries(dir.id).compactMap { e in
            guard e.kind == .blob, e.name.hasSuffix(".md") else { return nil }
            let name = String(e.name.dropLast(3))
            return IncidentTemplate.isValidName(name) ? name : nil
        }.sorted()
    }

    /// The template called `name`; an error listing the ones there are when it is missing.
    public func template(_ name: String) throws -> IncidentTemplate {
        let known = try templateNames()
        guard IncidentTemplate.isValidName(name), let data = try data(at: Layout.templatePath(name)) else {
            throw InquestError.invalid(
                "there is no template '\(name)' on the branch" + (known.isEmpty ? "" : " (there are: \(known.joined(separator: ", ")))"),
                hint: "templates are files \(Layout.templatesDir)/NAME.md on the branch; `inquest init` writes two examples")
        }
        return try IncidentTemplate(name: name, data: data)
    }

    /// Every incident folder, sorted by ID.
    public func incidents() throws -> [IncidentLocation] {
        if let cachedIncidents { return cachedIncidents }
        var result: [IncidentLocation] = []
        guard let tree, let root = try repository.treeEntry(at: Layout.incidentsRoot, in: tree),
              root.kind == .tree else {
            cachedIncidents = []
            return []
        }
        for month in try repository.treeEntries(root.id) where month.kind == .tree {
            for entry in try repository.treeEntries(month.id) where entry.kind == .tree {
                guard let id = RecordID(exactly: entry.name), id.kind == .incident else { continue }
                result.append(IncidentLocation(id: id, dir: "\(Layout.incidentsRoot)/\(month.name)/\(entry.name)",
                                               tree: entry.id))
            }
        }
        result.sort { $0.id < $1.id }
        cachedIncidents = result
        return result
    }

    /// The incident whose folder is `dir` (`incidents/YYYY-MM/INC-…`), found by path: a
    /// write looks at the incidents it touches without listing every other one.
    func incident(atDir dir: String) throws -> IncidentLocation? {
        let parts = dir.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Substring(Layout.incidentsRoot),
              let id = RecordID(exactly: String(parts[2])), id.kind == .incident,
              let tree, let entry = try repository.treeEntry(at: dir, in: tree), entry.kind == .tree else { return nil }
        return IncidentLocation(id: id, dir: dir, tree: entry.id)
    }

    /// The records of one kind directly below an incident folder.
    func children(of incident: IncidentLocation, in dirName: String) throws -> [RecordLocation] {
        guard let sub = try repository.treeEntry(at: dirName, in: incident.tree), sub.kind == .tree else { return [] }
        return try repository.treeEntries(sub.id).compactMap { e in
            guard e.kind == .blob, e.isFile, let id = Layout.recordID(fileName: e.name) else { return nil }
            return RecordLocation(id: id, path: "\(incident.dir)/\(dirName)/\(e.name)", incident: incident, blob: e.id)
        }
    }

    /// Finds the one record a user meant by an ID or a unique prefix of one.
    public func locate(_ text: String, kinds: [RecordKind]) throws -> RecordLocation {
        guard !text.contains("/"), !text.contains(".."), let query = IDQuery(text) else {
            throw InquestError.invalid("'\(text)' is not a valid ID (like INC-4F7K2M9QXB or a prefix such as INC-4F7K)")
        }
        let allowed = query.kind.map { k in kinds.contains(k) ? [k] : [] } ?? kinds
        guard !allowed.isEmpty else {
            let names = kinds.map(\.noun).joined(separator: " or ")
            throw InquestError.invalid("'\(text)' is not \(withArticle(names)) ID")
        }
        guard query.random.count >= RecordID.minimumPrefix else {
            throw InquestError.invalid("'\(text)' is too short: give at least \(RecordID.minimumPrefix) characters after the prefix")
        }
        var candidates: [RecordLocation] = []
        if let indexed = try indexedCandidates(query, allowed) {
            candidates = indexed
        } else {
            candidates = try scannedCandidates(query, allowed)
        }
        if candidates.count == 1 { return candidates[0] }
        if candidates.isEmpty {
            let noun = allowed.count == 1 ? allowed[0].noun : "record"
            throw InquestError.invalid("no \(noun) \(text) on this branch",
                                       hint: allowed.contains(.incident) ? "`inquest list` shows the incidents" : nil)
        }
        let ids = Set(candidates.map(\.id))
        if ids.count == 1 {
            let paths = candidates.map(\.path).sorted().joined(separator: " and ")
            throw InquestError.invalid("\(candidates[0].id) is filed more than once on this branch: \(paths)",
                                       hint: "someone committed a copy by hand; `inquest check` lists what is wrong with the branch")
        }
        let names = candidates.map(\.id.description).sorted().joined(separator: ", ")
        throw InquestError.invalid("\(text) is ambiguous: it could be \(names)")
    }

    /// The candidates the index knows, with their folders' trees from this snapshot; nil
    /// when there is no usable index.
    private func indexedCandidates(_ query: IDQuery, _ allowed: [RecordKind]) throws -> [RecordLocation]? {
        guard let index, let commit, let tree, let found = index.locate(query, kinds: allowed, at: commit) else {
            return nil
        }
        return try found.compactMap { f in
            guard let incident = RecordID(exactly: String(f.dir.split(separator: "/").last ?? "")),
                  let entry = try repository.treeEntry(at: f.dir, in: tree), entry.kind == .tree else { return nil }
            let location = IncidentLocation(id: incident, dir: f.dir, tree: entry.id)
            return f.id.kind == .incident
                ? RecordLocation(id: f.id, path: Layout.incidentPath(dir: f.dir), incident: location)
                : RecordLocation(id: f.id, path: f.path, incident: location, blob: f.blob)
        }
    }

    /// The candidates found by reading every incident's folders.
    private func scannedCandidates(_ query: IDQuery, _ allowed: [RecordKind]) throws -> [RecordLocation] {
        var candidates: [RecordLocation] = []
        for incident in try incidents() {
            if allowed.contains(.incident), query.matches(incident.id) {
                candidates.append(RecordLocation(id: incident.id, path: Layout.incidentPath(dir: incident.dir),
                                                 incident: incident))
            }
            for (kind, dir) in [(RecordKind.event, Layout.timelineDir), (.finding, Layout.findingsDir),
                                (.followUp, Layout.followUpsDir)] where allowed.contains(kind) {
                candidates += try children(of: incident, in: dir).filter { $0.id.kind == kind && query.matches($0.id) }
            }
        }
        return candidates
    }

    func read<R: Record>(_ type: R.Type, _ location: RecordLocation) throws -> R {
        guard let blob = location.blob else { return try read(type, at: location.path) }
        return try R(data: try repository.readRecord(blob, path: location.path), path: location.path)
    }

    public func read<R: Record>(_ type: R.Type, at path: String) throws -> R {
        guard let data = try data(at: path) else {
            throw InquestError(.repository, "\(path) vanished from the branch")
        }
        return try R(data: data, path: path)
    }

    /// The blob of an incident's `incident.md` (its content's identity).
    func incidentBlob(_ location: IncidentLocation) throws -> OID {
        guard let entry = try repository.treeEntry(at: Layout.incidentFile, in: location.tree), entry.kind == .blob, entry.isFile else {
            throw InquestError.invalid("\(location.dir) has no \(Layout.incidentFile)")
        }
        return entry.id
    }

    /// Reads through the folder's own tree rather than from the root: with thousands of
    /// incidents this skips re-reading the large month trees for each one.
    public func incident(_ location: IncidentLocation) throws -> Incident {
        let path = Layout.incidentPath(dir: location.dir)
        guard let entry = try repository.treeEntry(at: Layout.incidentFile, in: location.tree), entry.kind == .blob, entry.isFile else {
            throw InquestError.invalid("\(location.dir) has no \(Layout.incidentFile)")
        }
        return try Incident(data: try repository.readRecord(entry.id, path: path), path: path)
    }

    public func bundle(_ location: IncidentLocation) throws -> IncidentBundle {
        let incident = try self.incident(location)
        let events = try children(of: location, in: Layout.timelineDir)
            .compactMap { try readOrSkip(TimelineEvent.self, $0) }
            .sorted(by: TimelineEvent.chronological)
        let findings = try children(of: location, in: Layout.findingsDir)
            .compactMap { try readOrSkip(Finding.self, $0) }
        let followUps = try children(of: location, in: Layout.followUpsDir)
            .compactMap { try readOrSkip(FollowUp.self, $0) }
        return IncidentBundle(incident: incident, dir: location.dir, events: events,
                              findings: findings.sorted { $0.id < $1.id },
                              followUps: followUps.sorted { $0.id < $1.id })
    }

    /// All follow-ups on the branch, with the incident each belongs to.
    public func allFollowUps() throws -> [(incident: Incident, followUp: FollowUp)] {
        var out: [(Incident, FollowUp)] = []
        for loc in try incidents() {
            let fus = try children(of: loc, in: Layout.followUpsDir)
            guard !fus.isEmpty else { continue }
            guard let incident = try orSkip(Layout.incidentPath(dir: loc.dir), { try self.incident(loc) }) else { continue }
            for fu in fus {
                if let f = try readOrSkip(FollowUp.self, fu) { out.append((incident, f)) }
            }
        }
        return out
    }

    /// Reads a record, or (for readers) reports it and gives nil.
    func readOrSkip<R: Record>(_ type: R.Type, _ location: RecordLocation) throws -> R? {
        try orSkip(location.path) { try read(type, location) }
    }

    /// Runs `body`; for readers, a failure is reported as a warning naming `path` and
    /// becomes nil, so one broken record does not take the command down for everyone.
    public func orSkip<T>(_ path: String, _ body: () throws -> T) throws -> T? {
        guard let skip = skipUnreadable else { return try body() }
        do {
            return try body()
        } catch let e as InquestError {
            let text = e.lines.joined(separator: " ")
            skip(text.contains(path) ? "skipped \(text)" : "skipped \(path): \(text)")
        } catch {
            skip("skipped \(path): \(error)")
        }
        return nil
    }
}
