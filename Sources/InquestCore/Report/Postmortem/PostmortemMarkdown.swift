import Foundation

/// A postmortem report as one Markdown document, for a pull request, a wiki or an email.
/// Narrative sections are Markdown already and go in as written; every other value is
/// escaped so a title with `*` or `|` cannot turn into formatting or break a table.
public enum PostmortemMarkdown {
    public static func render(_ report: PostmortemReport, generated: Day) -> String {
        let i = report.incident
        var out = "# \(inline(i.title))\n\n"
        // The paragraph a reader outside the team reads first, and the figures.
        if let lead = report.leadParagraph { out += demoteHeadings(lead) + "\n\n" }
        out += "**\(inline(report.keyFigures))**\n\n"
        out += "Postmortem of \(i.id), generated \(generated). Times are UTC.\n\n"

        out += "| Field | Value |\n| --- | --- |\n"
        // Only sign-offs that count are approvals; the others are listed apart, with why.
        let counting = report.approvals.filter { $0.notCounting == nil }
        let refused = report.approvals.filter { $0.notCounting != nil }
        var facts: [(String, String)] = [
            ("Severity", i.severity.rawValue), ("Status", i.status.rawValue), ("Owner", cell(i.owner ?? "none")),
            ("Customer impact", i.customerImpact ? "yes" : "no"), ("Data breach", i.dataBreach ? "yes" : "no"),
            ("Approvals", counting.isEmpty ? "none" : counting.map { cell($0.description) }.joined(separator: "<br>")),
        ]
        if !refused.isEmpty {
            facts.append(("Sign-offs that do not count", refused.map { cell($0.description) }.joined(separator: "<br>")))
        }
        if !i.tags.isEmpty { facts.append(("Tags", cell(i.tags.joined(separator: ", ")))) }
        for field in Incident.timeFields {
            facts.append((field.prefix(1).uppercased() + field.dropFirst(), i.timeText(field) ?? "unknown"))
        }
        for (k, v) in facts { out += "| \(k) | \(v) |\n" }
        out += "\n"

        for n in report.opening { out += narrative(n) }

        out += "## Durations\n\n| Duration | Value | Measured |\n| --- | --- | --- |\n"
        for d in report.durations { out += "| \(d.title) | \(d.text) | from started to \(d.to) |\n" }
        out += "\n"

        for n in report.body { out += narrative(n) }

        out += "## Timeline\n\n"
        if report.bundle.events.isEmpty {
            out += "_No timeline events recorded._\n\n"
        } else {
            out += "| # | Time (UTC) | Kind | What happened | Evidence |\n| --- | --- | --- | --- | --- |\n"
            for (n, e) in report.bundle.events.enumerated() {
                out += "| \(n + 1) | \(e.at) | \(e.eventKind.rawValue) | \(cellBlock(e.text)) | \(e.evidence.map(evidence).joined(separator: "<br>")) |\n"
            }
            out += "\n"
        }

        out += "## Findings\n\n"
        let groups = report.findingGroups
        if groups.isEmpty { out += "_No findings recorded._\n\n" }
        for (category, findings) in groups {
            out += "### \(category?.title ?? "Uncategorized") (\(findings.count))\n\n"
            for f in findings {
                out += "#### \(inline(f.title)) (\(f.id))\n\n"
                if !f.narrative.isEmpty { out += f.narrative + "\n\n" }
                out += f.evidence.isEmpty ? "- Evidence: _none recorded_\n" : "- Evidence:\n"
                for e in f.evidence { out += "  - \(evidence(e))\n" }
                let fus = report.followUpRecords(of: f)
                if !fus.isEmpty {
                    out += "- Follow-ups: " + fus.map { "\(inline($0.title)) (\($0.id), \($0.status.rawValue))" }
                        .joined(separator: "; ") + "\n"
                }
                if let reason = f.notDoing { out += "- Nothing will be done: \(inline(reason))\n" }
                out += "\n"
            }
        }

        out += "## Follow-ups\n\n"
        if report.bundle.followUps.isEmpty {
            out += "_No follow-ups recorded._\n\n"
        } else {
            out += report.progress.sentence + "\n\n"
            out += "| Follow-up | Owner | Priority | Due | Status | Latest review | Tracker |\n"
            out += "| --- | --- | --- | --- | --- | --- | --- |\n"
            for fu in report.trackedFollowUps {
                let overdue = fu.isOverdue(today: report.today) ? " **(overdue)**" : ""
                var status = fu.statusText
                if let reason = fu.notDoing { status += ": \(cell(reason))" }
                if let fix = report.fixes[fu.id], !fix.isEmpty { status += "; \(cell(fix))" }
                let latest = fu.latestNote.map { "\($0.date.day): \(cell($0.note ?? ""))" } ?? "none"
                out += "| \(cell(fu.title)) (\(fu.id)) | \(cell(fu.owner ?? "none")) | \(fu.priority?.rawValue ?? "-") "
                out += "| \(fu.due?.description ?? "none")\(overdue) | \(status) | \(latest) | \(fu.tracker.map(link) ?? "none") |\n"
            }
            out += "\n"
            // The whole review log: who looked at each follow-up, when, and what they noted.
            let reviewed = report.trackedFollowUps.filter { !$0.reviews.isEmpty }
            if !reviewed.isEmpty {
                out += "### Review log\n\n"
                for fu in reviewed {
                    out += "- \(inline(fu.title)) (\(fu.id))\n"
                    for r in fu.reviews.sorted(by: { $0.date < $1.date }) {
                        out += "  - \(r.date.day), \(inline(r.reviewer))\(r.note.map { ": \(inline($0))" } ?? "")\n"
                    }
                }
                out += "\n"
            }
        }

        out += narrative(report.closing)
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    static func narrative(_ n: PostmortemReport.Narrative) -> String {
        let text = demoteHeadings(n.markdown.trimmingCharacters(in: .whitespacesAndNewlines))
        return "## \(inline(n.heading))\n\n\(text.isEmpty ? "_Not written yet._" : text)\n\n"
    }

    /// The report's own headings are `#` and `##`, so a narrative's `# Heading` becomes
    /// `###` (down to `######`); fenced code is left alone.
    static func demoteHeadings(_ text: String) -> String {
        var inFence = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            let hashes = line.prefix { $0 == "#" }.count
            guard !inFence, hashes > 0, hashes <= 6 else { return String(line) }
            let rest = line.dropFirst(hashes)
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return String(line) }
            return String(repeating: "#", count: min(hashes + 2, 6)) + rest
        }.joined(separator: "\n")
    }

    /// A one-line value with Markdown's inline syntax and raw HTML escaped.
    static func inline(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\`*_[]<>|#~".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// A one-line value inside a table cell.
    static func cell(_ s: String) -> String { inline(s) }

    /// Narrative text (Markdown) inside a table cell: line breaks as `<br>`, pipes escaped.
    static func cellBlock(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "<br>")
    }

    static func evidence(_ item: String) -> String {
        let (ref, digest) = EvidenceParts.split(item)
        return link(ref) + (digest.map { " `\($0)`" } ?? "")
    }

    /// A web address as an autolink, anything else as code, marked internal: a path means
    /// something only inside the team's own systems.
    static func link(_ s: String) -> String {
        if SafeURL.absolute(s) != nil, !s.contains(">") { return "<\(s)>" }
        return "`\(s.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|"))` (internal)"
    }
}
