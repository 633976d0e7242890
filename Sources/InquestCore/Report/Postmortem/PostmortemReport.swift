/// Everything a postmortem report shows, in the order it shows it, derived from one incident
/// with its records. The Markdown and HTML renderers both read this, so the two formats
/// cannot disagree on what a report contains.
public struct PostmortemReport: Sendable {
    /// One derived duration, with the times it runs between.
    public struct DurationLine: Sendable {
        public let title: String
        public let seconds: Int64?
        public let to: String
        /// Computed from a time known only to the day.
        public var approximate = false

        /// `51m`, `≈13 days`, or `unknown` (never zero or negative; see `Durations`).
        public var text: String { seconds.map { humanDuration($0, approximate: approximate) } ?? "unknown" }
    }

    /// A narrative section to show: its heading and Markdown text (empty when unwritten).
    public struct Narrative: Sendable {
        public let key: String
        public let heading: String
        public let markdown: String
    }

    public let bundle: IncidentBundle
    public let today: Day
    public let approvals: [ApprovalEntry]
    /// Where each follow-up's fix is ("fixed in a1b2c3d, shipped in v2.4.0"), from the code
    /// history; follow-ups without a linked commit have no entry and show nothing.
    public var fixes: [RecordID: String] = [:]

    /// `statuses`: whether each approval counts (`approvalStatuses`), shown beside it.
    public init(_ bundle: IncidentBundle, today: Day, statuses: [ApprovalStatus] = []) {
        self.bundle = bundle
        self.today = today
        approvals = ApprovalEntry.of(bundle.incident, statuses: statuses)
    }

    public var incident: Incident { bundle.incident }

    public var durations: [DurationLine] {
        let d = Durations(incident)
        return [DurationLine(title: "Time to detect", seconds: d.toDetect, to: "detected",
                             approximate: d.approximate.contains("time_to_detect")),
                DurationLine(title: "Time to contain", seconds: d.toContain, to: "contained",
                             approximate: d.approximate.contains("time_to_contain")),
                DurationLine(title: "Time to resolve", seconds: d.toResolve, to: "resolved",
                             approximate: d.approximate.contains("time_to_resolve"))]
    }

    private func narrative(_ key: String) -> Narrative {
        let heading = incident.sections.items.first { $0.key == key }?.heading
            ?? Sections.known.first { $0.key == key }?.heading ?? key
        return Narrative(key: key, heading: heading, markdown: incident.sections[key] ?? "")
    }

    /// Summary and impact, shown before the durations.
    public var opening: [Narrative] { ["summary", "impact"].map(narrative) }

    /// Technical summary, actors, response, then sections a team added, in their order, and
    /// any text written before the first heading.
    public var body: [Narrative] {
        var out = ["technical_summary", "actors", "response"].map(narrative)
        for s in incident.sections.items where !Sections.isKnown(s.key) {
            out.append(Narrative(key: s.key, heading: s.heading, markdown: s.text))
        }
        if !incident.sections.preamble.isEmpty {
            out.append(Narrative(key: "notes", heading: "Notes", markdown: incident.sections.preamble))
        }
        return out
    }

    /// Key takeaways, the report's last word.
    public var closing: Narrative { narrative("takeaways") }

    /// Findings by category, in the documented order of categories; uncategorized last.
    public var findingGroups: [(category: FindingCategory?, findings: [Finding])] {
        let groups = Dictionary(grouping: bundle.findings, by: \.category)
        return (FindingCategory.allCases.map { Optional($0) } + [nil]).compactMap { c in
            groups[c].map { (c, $0) }
        }
    }

    public func followUps(of finding: Finding) -> [String] { bundle.followUps(of: finding) }

    /// A finding's follow-ups as records, for naming them by title.
    public func followUpRecords(of finding: Finding) -> [FollowUp] {
        followUps(of: finding).compactMap { id in bundle.followUps.first { $0.id.description == id } }
    }

    /// Follow-ups in the order a manager reads them (unresolved, by priority, then due).
    public var trackedFollowUps: [FollowUp] { bundle.followUps.sorted(by: FollowUp.trackingOrder) }

    public var progress: FollowUpProgress { FollowUpProgress(bundle.followUps, today: today) }

    /// What a leader outside the team reads first: the summary's first paragraph (Markdown,
    /// without the writers' guidance), or nil when it is not written yet.
    public var leadParagraph: String? {
        let text = Sections.substance(incident.sections["summary"] ?? "")
        guard let first = text.components(separatedBy: "\n\n").first?.trimmingCharacters(in: .whitespacesAndNewlines),
              !first.isEmpty else { return nil }
        return first
    }

    /// The key figures in one line: how bad, how long it took, what was found, what is owed.
    public var keyFigures: String {
        let d = Durations(incident)
        return [incident.severity.rawValue, "status \(incident.status.rawValue)",
                "detected after \(d.text("time_to_detect")), contained after \(d.text("time_to_contain")), "
                + "resolved after \(d.text("time_to_resolve"))",
                plural(bundle.findings.count, "finding"),
                progress.sentence.hasSuffix(".") ? String(progress.sentence.dropLast()) : progress.sentence]
            .joined(separator: " · ")
    }
}

extension FollowUp {
    /// Its status for a table: `done 2026-12-14 (late)`, `not-doing: reason`, `open`.
    public var statusText: String {
        var s = status.rawValue
        if status == .done, let at = resolvedAt { s += " \(at.day)" + (wasDoneLate == true ? " (late)" : "") }
        return s
    }
}

extension FindingCategory {
    /// `Technical lapse`
    public var title: String {
        let words = rawValue.split(separator: "-").map(String.init)
        return ([words[0].prefix(1).uppercased() + words[0].dropFirst()] + words.dropFirst()).joined(separator: " ")
    }
}
