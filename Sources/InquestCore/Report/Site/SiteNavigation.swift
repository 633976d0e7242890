/// The pages of a site and the navigation bar between them.
enum SitePages {
    static let index = "index.html"
    static let followUps = "followups.html"
    static let metrics = "metrics.html"
    static let incidentsDir = "incidents"

    static func incident(_ id: RecordID) -> String { "\(incidentsDir)/\(id).html" }

    /// The bar on every page; `depth` is how many folders below the site root the page is.
    static func nav(current: String?, depth: Int) -> [PageShell.NavLink] {
        let up = String(repeating: "../", count: depth)
        return [("Incidents", index), ("Follow-ups", followUps), ("Metrics", metrics)].map { title, page in
            PageShell.NavLink(title: title, href: up + page, current: page == current)
        }
    }
}
