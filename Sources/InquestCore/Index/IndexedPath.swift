/// Which record a path on the data branch holds, by the same rules the direct readers use
/// (`Snapshot.incidents()`, `Snapshot.children`), so the index never sees a record they
/// would not, nor misses one they would.
enum IndexedPath: Equatable {
    case incident(dir: String, id: RecordID)
    case child(dir: String, id: RecordID)

    static let childDirectories: [String: RecordKind] = [
        Layout.timelineDir: .event, Layout.findingsDir: .finding, Layout.followUpsDir: .followUp,
    ]

    init?(_ path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, parts[0] == Substring(Layout.incidentsRoot),
              !parts[1].isEmpty, let incident = RecordID(exactly: String(parts[2])), incident.kind == .incident
        else { return nil }
        let dir = parts[0...2].joined(separator: "/")
        if parts.count == 4 {
            guard parts[3] == Substring(Layout.incidentFile) else { return nil }
            self = .incident(dir: dir, id: incident)
        } else {
            guard let kind = Self.childDirectories[String(parts[3])],
                  let id = Layout.recordID(fileName: String(parts[4])), id.kind == kind else { return nil }
            self = .child(dir: dir, id: id)
        }
    }

    var dir: String {
        switch self {
        case .incident(let dir, _), .child(let dir, _): return dir
        }
    }

    var id: RecordID {
        switch self {
        case .incident(_, let id), .child(_, let id): return id
        }
    }
}
