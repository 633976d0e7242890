/// Where records live on the data branch.
///
/// A folder per incident, sharded by creation month so no tree grows without bound, and one
/// file per timeline event, finding and follow-up so that concurrent additions never touch
/// the same file:
///
///     incidents/2026-11/INC-4F7K2M9QXB/incident.md
///     incidents/2026-11/INC-4F7K2M9QXB/timeline/20261128T100300Z-EV-….md
///     incidents/2026-11/INC-4F7K2M9QXB/findings/F-….md
///     incidents/2026-11/INC-4F7K2M9QXB/followups/FU-….md
public enum Layout {
    public static let incidentsRoot = "incidents"
    public static let incidentFile = "incident.md"
    public static let timelineDir = "timeline"
    public static let findingsDir = "findings"
    public static let followUpsDir = "followups"
    public static let metaDir = ".inquest"
    public static let policyPath = ".inquest/policy.yml"
    public static let versionPath = ".inquest/version"
    public static let formatVersion = 1
    public static let templatesDir = ".inquest/templates"

    public static func templatePath(_ name: String) -> String { "\(templatesDir)/\(name).md" }

    public static func shard(_ created: Timestamp) -> String {
        String(created.description.prefix(7)) // YYYY-MM
    }

    public static func incidentDir(_ id: RecordID, created: Timestamp) -> String {
        "\(incidentsRoot)/\(shard(created))/\(id)"
    }

    /// Whether `path` is a folder where the incident `id` may live: `incidents/YYYY-MM/ID`.
    public static func isIncidentDir(_ path: String, id: RecordID) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Substring(incidentsRoot), parts[2] == Substring(id.description) else { return false }
        let month = Array(parts[1].utf8)
        return month.count == 7 && month[4] == UInt8(ascii: "-")
            && month.enumerated().allSatisfy { $0.offset == 4 || (0x30...0x39).contains($0.element) }
    }

    public static func incidentPath(dir: String) -> String { "\(dir)/\(incidentFile)" }

    public static func eventPath(dir: String, _ event: TimelineEvent) -> String {
        "\(dir)/\(timelineDir)/\(event.at.compact)-\(event.id).md"
    }

    public static func findingPath(dir: String, _ id: RecordID) -> String { "\(dir)/\(findingsDir)/\(id).md" }
    public static func followUpPath(dir: String, _ id: RecordID) -> String { "\(dir)/\(followUpsDir)/\(id).md" }

    /// The ID of a record file's own name: `F-….md`, `FU-….md`, or `<time>-EV-….md`.
    public static func recordID(fileName: String) -> RecordID? {
        guard fileName.hasSuffix(".md") else { return nil }
        let stem = String(fileName.dropLast(3))
        if let id = RecordID(exactly: stem) { return id }
        if let dash = stem.firstIndex(of: "-") {
            return RecordID(exactly: String(stem[stem.index(after: dash)...]))
        }
        return nil
    }

    /// The incident a path lies under, if it lies under one.
    public static func incidentID(inPath path: String) -> RecordID? {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == Substring(incidentsRoot) else { return nil }
        return RecordID(exactly: String(parts[2]))
    }
}
