/// The filters `list` and `search` share: each selects incidents (a search hit passes when
/// its incident does), except `kind`, which for search selects the kind of record found.
public struct RecordFilter: Sendable {
    public var status: IncidentStatus?
    public var severity: Severity?
    public var owner: String?
    /// Incidents with at least one finding in this category.
    public var category: FindingCategory?
    /// Search: records of this kind. List: incidents with at least one record of this kind.
    public var kind: RecordKind?
    public var tag: String?
    /// Incidents that started (else were recorded) on or after this day…
    public var since: Day?
    /// …and on or before this one.
    public var until: Day?
    /// Incidents not closed yet.
    public var openOnly = false
    public init() {}

    /// Whether it keeps every incident (nothing to test per row).
    var keepsAll: Bool {
        status == nil && severity == nil && owner == nil && category == nil && kind == nil && tag == nil
            && since == nil && until == nil && !openOnly
    }

    /// Whether the filter needs to know what records lie under each incident.
    var needsChildren: Bool { category != nil || kind != nil }

    /// `kinds` and `categories` describe the records under the incident; they are only
    /// consulted when `needsChildren`.
    func matches(_ i: IncidentSummary, kinds: Set<RecordKind> = [], categories: Set<String> = [],
                 kindOfRecord: Bool = false) -> Bool {
        if let s = status, i.status != s { return false }
        if let s = severity, i.severity != s { return false }
        if let o = owner, i.owner?.lowercased() != o.lowercased() { return false }
        if let t = tag, !i.tags.contains(where: { $0.lowercased() == t.lowercased() }) { return false }
        let day = (i.started ?? i.created).day
        if let s = since, day < s { return false }
        if let u = until, day > u { return false }
        if openOnly, i.status == .closed { return false }
        if let c = category, !categories.contains(c.rawValue) { return false }
        if !kindOfRecord, let k = kind, k != .incident, !kinds.contains(k) { return false }
        return true
    }
}

extension Incident {
    /// An incident with only what a summary holds (no sections), for readers that need
    /// no more: statistics and follow-up listings served from the index.
    init(summary s: IncidentSummary) {
        self.init(id: s.id, title: s.title, severity: s.severity, created: s.created)
        status = s.status
        customerImpact = s.customerImpact
        dataBreach = s.dataBreach
        owner = s.owner
        started = s.started
        detected = s.detected
        contained = s.contained
        resolved = s.resolved
        tags = s.tags
    }
}
