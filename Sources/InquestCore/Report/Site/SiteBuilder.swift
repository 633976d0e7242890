import Foundation

/// A static HTML site of a whole branch: an index of incidents, a report page per incident,
/// a follow-up tracker and a metrics page. It only produces pages; the caller writes them
/// wherever it likes, so the core never decides about files.
///
/// Pages are produced as they are rendered: each incident's page as soon as its records are
/// read, so only the few fields the overview pages need stay in memory (see `slim`), and
/// with a previous `SiteManifest` only the pages whose records changed are rendered again.
public struct SiteBuilder {
    /// A page to write, at a path relative to the site's root.
    public struct Page: Sendable {
        public let path: String
        public let html: String
    }

    /// Bumped whenever the pages' HTML changes for the same records, so that a site built
    /// by an older renderer is rebuilt in full.
    public static let formatVersion = 1
    /// Where each follow-up's fix is, for the tracker and the incident pages.
    public var fixes: [RecordID: String] = [:]

    /// What a build did.
    public struct Outcome: Sendable {
        /// Pages rendered (and handed to `emit`), in the order they were.
        public var written: [String] = []
        /// Pages left as they were, because what they show did not change.
        public var unchanged = 0
        /// True when every page was rendered (no usable manifest, or `full`).
        public var full = true
        /// The manifest describing the folder after this build.
        public var manifest: SiteManifest
    }

    let snapshot: Snapshot
    let today: Day
    /// Due dates as they were over time, for the burn-down (today's when nil).
    let dueHistory: DueHistory?
    let staleAfterDays: Int
    let needsFullPostmortem: @Sendable (IncidentSummary) -> Bool

    init(snapshot: Snapshot, today: Day, staleAfterDays: Int, needsFullPostmortem: @escaping @Sendable (IncidentSummary) -> Bool,
         dueHistory: DueHistory? = nil) {
        self.dueHistory = dueHistory
        self.snapshot = snapshot
        self.today = today
        self.staleAfterDays = staleAfterDays
        self.needsFullPostmortem = needsFullPostmortem
    }

    /// The stamp a manifest must carry for its pages to be reused: the renderer's format,
    /// the build of the program (`renderer`), the day and the options.
    public func stamp(renderer: String) -> String {
        // Where fixes are comes from the code branches, not from this branch: a fix that
        // ships changes the pages as surely as an edit does.
        let fixText = fixes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        let fixDigest = fixes.isEmpty ? "none" : Hex.lowercase(SHA256.digest(Data(fixText.utf8)))
        return "site \(Self.formatVersion); renderer \(renderer); today \(today); stale-after \(staleAfterDays); fixes \(fixDigest)"
    }

    /// Builds the site, calling `emit` with each page that must be (re)written: incident
    /// pages first, as they are read, then the three overview pages.
    ///
    /// - Parameters:
    ///   - previous: the manifest of the last build into the same folder, if any.
    ///   - exists: whether a page is still in the folder (one deleted by hand is rebuilt).
    ///   - progress: hears how many incidents are read, every hundred and at the end.
    public func build(previous: SiteManifest?, renderer: String, exists: (String) -> Bool,
                      progress: (_ done: Int, _ total: Int) -> Void = { _, _ in },
                      emit: (Page) throws -> Void) throws -> Outcome {
        let stamp = stamp(renderer: renderer)
        let tree = snapshot.tree?.hex ?? ""
        let reuse = previous.flatMap { $0.stamp == stamp ? $0 : nil }
        var outcome = Outcome(full: reuse == nil, manifest: SiteManifest(stamp: stamp, tree: tree, pages: [:]))
        let overview = [SitePages.index, SitePages.followUps, SitePages.metrics]
        let locations = try snapshot.incidents()

        // Nothing on the branch changed since the last build: every page stands.
        if let reuse, reuse.tree == tree, Set(reuse.pages.keys) == Set(overview + locations.map { SitePages.incident($0.id) }),
           reuse.pages.keys.allSatisfy(exists) {
            progress(locations.count, locations.count)
            outcome.unchanged = reuse.pages.count
            outcome.manifest = reuse
            return outcome
        }

        let nav = SitePages.nav(current: nil, depth: 1)
        var slims: [IncidentBundle] = []
        slims.reserveCapacity(locations.count)
        for (n, loc) in locations.enumerated() {
            let path = SitePages.incident(loc.id)
            let key = "\(loc.dir) \(loc.tree.hex)"
            if let reuse, reuse.pages[path] == key, exists(path) {
                outcome.unchanged += 1
                slims.append(Self.slim(try snapshot.overviewBundle(loc)))
            } else {
                let bundle = try snapshot.bundle(loc)
                var report = PostmortemReport(bundle, today: today)
                report.fixes = fixes
                let html = PostmortemHTML.render(report, generated: today, nav: nav)
                try emit(Page(path: path, html: html))
                outcome.written.append(path)
                slims.append(Self.slim(bundle))
            }
            outcome.manifest.pages[path] = key
            if (n + 1) % 100 == 0 || n + 1 == locations.count { progress(n + 1, locations.count) }
        }

        // The overview pages show every incident: rebuilt whenever anything on the branch
        // changed (its tree did), and when one is missing.
        let statistics = Statistics(bundles: slims, today: today, since: nil, staleAfterDays: staleAfterDays,
                                    needsFullPostmortem: needsFullPostmortem)
        let items = slims.flatMap { b in b.followUps.map { (incident: b.incident, followUp: $0) } }
        let renderers: [(String, () -> String)] = [
            (SitePages.index, { IndexPage.render(slims, today: today) }),
            (SitePages.followUps, { TrackerPage.render(items, today: today, fixes: fixes) }),
            (SitePages.metrics, { MetricsPage.render(statistics, burnDown: BurnDown(items, today: today, dueHistory: dueHistory), today: today) }),
        ]
        for (page, render) in renderers {
            outcome.manifest.pages[page] = tree
            if let reuse, reuse.pages[page] == tree, exists(page) {
                outcome.unchanged += 1
                continue
            }
            try emit(Page(path: page, html: render()))
            outcome.written.append(page)
        }
        return outcome
    }

    /// An incident with only what the overview pages read: its fields, and its findings'
    /// and follow-ups' fields, without the narrative, the timeline or evidence, so that ten
    /// thousand incidents fit in a few tens of megabytes.
    static func slim(_ b: IncidentBundle) -> IncidentBundle {
        var incident = b.incident
        incident.sections = Sections()
        incident.extra = []
        incident.approvals = []
        incident.conflicts = []
        let findings = b.findings.map { f in
            var f = f
            f.narrative = ""
            f.evidence = []
            f.extra = []
            f.conflicts = []
            return f
        }
        let followUps = b.followUps.map { f in
            var f = f
            f.narrative = ""
            f.extra = []
            f.conflicts = []
            return f
        }
        return IncidentBundle(incident: incident, dir: b.dir, events: [], findings: findings, followUps: followUps)
    }
}

extension Snapshot {
    /// What the overview pages read of an incident: it, its findings and follow-ups, but
    /// not its timeline (four files of nine, in a typical incident).
    func overviewBundle(_ location: IncidentLocation) throws -> IncidentBundle {
        IncidentBundle(incident: try incident(location), dir: location.dir, events: [],
                       findings: try children(of: location, in: Layout.findingsDir).map { try read(Finding.self, $0) }
                           .sorted { $0.id < $1.id },
                       followUps: try children(of: location, in: Layout.followUpsDir).map { try read(FollowUp.self, $0) }
                           .sorted { $0.id < $1.id })
    }
}
