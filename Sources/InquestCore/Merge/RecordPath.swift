/// Which record a path on the data branch holds, judged from the path alone, so the merge
/// can pair up the versions of one record even when a side moved it (a timeline event's
/// file name carries its time, which can change).
struct RecordPath: Hashable {
    let kind: RecordKind
    let id: RecordID

    /// `incidents/<month>/<INC>/incident.md`, or a timeline event, finding or follow-up file
    /// inside its folder; nil for anything else (metadata, READMEs, stray files).
    init?(_ path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, parts[0] == Layout.incidentsRoot,
              let incident = RecordID(exactly: parts[2]), incident.kind == .incident else { return nil }
        if parts.count == 4 {
            guard parts[3] == Layout.incidentFile else { return nil }
            self.kind = .incident
            self.id = incident
            return
        }
        guard parts.count == 5, let id = Layout.recordID(fileName: parts[4]) else { return nil }
        let expected: RecordKind
        switch parts[3] {
        case Layout.timelineDir: expected = .event
        case Layout.findingsDir: expected = .finding
        case Layout.followUpsDir: expected = .followUp
        default: return nil
        }
        guard id.kind == expected else { return nil }
        self.kind = expected
        self.id = id
    }

    /// The incident folder a record path lies in (`incidents/<month>/<INC>`).
    static func incidentDir(of path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.prefix(3).joined(separator: "/")
    }
}
