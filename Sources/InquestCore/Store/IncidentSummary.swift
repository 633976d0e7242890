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
}

extension IncidentSummary {
    /// Kept out of the struct's body so Swift still writes the memberwise initializer.
    public init(_ i: Incident) {
        self.init(id: i.id, title: i.title, severity: i.severity, status: i.status, customerImpact: i.customerImpact,
                  dataBreach: i.dataBreach, owner: i.owner, created: i.created, started: i.started,
                  detected: i.detected, contained: i.contained, resolved: i.resolved, tags: i.tags)
    }
}
