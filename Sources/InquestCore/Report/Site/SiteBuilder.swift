/// A static HTML site of a whole branch: an index of incidents, a report page per incident,
/// a follow-up tracker and a metrics page. It only produces pages; the caller writes them
/// wherever it likes, so the core never decides about files.
public struct SiteBuilder {
    /// A page to write, at a path relative to the site's root.
    public struct Page: Sendable {
        public let path: String
        public let html: String
    }

    let bundles: [IncidentBundle]
    let today: Day
    let statistics: Statistics
    /// Where each follow-up's fix is, for the tracker and the incident pages.
    public var fixes: [RecordID: String] = [:]

    public init(bundles: [IncidentBundle], today: Day, statistics: Statistics) {
        self.bundles = bundles
        self.today = today
        self.statistics = statistics
    }

    public var pageCount: Int { bundles.count + 3 }

    /// Calls `emit` with each page: the three overview pages first, then one per incident.
    public func build(_ emit: (Page) throws -> Void) throws {
        try emit(Page(path: SitePages.index, html: IndexPage.render(bundles, today: today)))
        let items = bundles.flatMap { b in b.followUps.map { (incident: b.incident, followUp: $0) } }
        try emit(Page(path: SitePages.followUps, html: TrackerPage.render(items, today: today, fixes: fixes)))
        try emit(Page(path: SitePages.metrics,
                      html: MetricsPage.render(statistics, burnDown: BurnDown(items, today: today), today: today)))
        let nav = SitePages.nav(current: nil, depth: 1)
        for b in bundles {
            var report = PostmortemReport(b, today: today)
            report.fixes = fixes
            let html = PostmortemHTML.render(report, generated: today, nav: nav)
            try emit(Page(path: SitePages.incident(b.incident.id), html: html))
        }
    }
}
