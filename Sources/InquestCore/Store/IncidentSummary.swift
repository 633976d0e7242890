/// What `inquest list` shows of an incident: its front matter without the narrative.
public struct IncidentSummary: Hashable, Sendable {
    public var id: RecordID
    public var title: String
    public var severity: Severity
    public var status: IncidentStatus
    public var customerImpact: Bool
    public var dataBreach: Bool
    public var owner: String?
    public var created: Timestamp
    public var started: Timestamp?
    public var detected: Timestamp?
    public var contained: Timestamp?
    public var resolved: Timestamp?
    public var tags: [String]
    /// Times stated as `unknown` (see `Incident.unknownTimes`).
    public var unknownTimes: Set<String> = []

    /// A time as written: the time, `unknown`, or nil when not given.
    public func timeText(_ field: String) -> String? {
        let t: Timestamp?
        switch field {
        case "started": t = started
        case "detected": t = detected
        case "contained": t = contained
        default: t = resolved
        }
        return t?.description ?? (unknownTimes.contains(field) ? Incident.unknownWord : nil)
    }
}

extension IncidentSummary {
    /// Kept out of the struct's body so Swift still writes the memberwise initializer.
    public init(_ i: Incident) {
        self.init(id: i.id, title: i.title, severity: i.severity, status: i.status, customerImpact: i.customerImpact,
                  dataBreach: i.dataBreach, owner: i.owner, created: i.created, started: i.started,
                  detected: i.detected, contained: i.contained, resolved: i.resolved, tags: i.tags,
                  unknownTimes: i.unknownTimes)
    }
}
