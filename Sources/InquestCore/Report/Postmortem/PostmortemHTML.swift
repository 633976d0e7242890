import Foundation

/// A postmortem report as one self-contained HTML page: inline stylesheet and SVG, no
/// scripts, fonts or images to load, readable on a phone and on paper.
public enum PostmortemHTML {
    public static func render(_ report: PostmortemReport, generated: Day) -> String {
        render(report, generated: generated, nav: [])
    }

    static func render(_ report: PostmortemReport, generated: Day, nav: [PageShell.NavLink]) -> String {
        let i = report.incident
        return PageShell.page(title: "\(i.id): \(i.title) — postmortem", nav: nav, generated: generated) { w in
            titleBlock(report, &w)
            for n in report.opening { narrative(n, &w) }
            durations(report, &w)
            for n in report.body { narrative(n, &w) }
            timeline(report, &w)
            findings(report, &w)
            followUps(report, &w)
            narrative(report.closing, &w)
        }
    }

    // MARK: sections

    static func titleBlock(_ report: PostmortemReport, _ w: inout HTMLWriter) {
        let i = report.incident
        w.element("header", ["class": "title-block"]) { w in
            w.element("p", ["class": "eyebrow"], text: "Postmortem · \(i.id)")
            w.element("h1", text: i.title)
            // What a reader outside the team reads first: the summary's first paragraph and
            // the key figures.
            if let lead = report.leadParagraph {
                w.element("div", ["class": "lead"]) { w in w.raw(MarkdownHTML.render(lead)) }
            }
            w.element("p", ["class": "key-figures"], text: report.keyFigures)
            w.element("dl", ["class": "facts"]) { w in
                fact("Severity", &w) { w in
                    w.element("span", ["class": "badge \(i.severity.rawValue)"], text: i.severity.rawValue)
                }
                fact("Status", &w) { w in w.element("span", ["class": "badge status"], text: i.status.rawValue) }
                fact("Owner", &w) { w in w.text(i.owner ?? "none") }
                fact("Customer impact", &w) { w in w.text(i.customerImpact ? "yes" : "no") }
                fact("Data breach", &w) { w in w.text(i.dataBreach ? "yes" : "no") }
                // Only sign-offs that count are approvals; the others are listed apart, with why.
                let counting = report.approvals.filter { $0.notCounting == nil }
                let refused = report.approvals.filter { $0.notCounting != nil }
                fact("Approvals", &w) { w in
                    if counting.isEmpty {
                        w.text("none")
                    } else {
                        w.element("ul") { w in
                            for a in counting { w.element("li", text: a.description) }
                        }
                    }
                }
                if !refused.isEmpty {
                    fact("Sign-offs that do not count", &w) { w in
                        w.element("ul") { w in
                            for a in refused { w.element("li", text: a.description) }
                        }
                    }
                }
                if !i.tags.isEmpty { fact("Tags", &w) { w in w.text(i.tags.joined(separator: ", ")) } }
                for field in Incident.timeFields {
                    fact(field.prefix(1).uppercased() + field.dropFirst(), &w) { w in
                        if let t = i.time(field) {
                            w.element("time", ["datetime": t.description], text: t.description)
                        } else {
                            w.element("span", ["class": "muted"], text: "unknown")
                        }
                    }
                }
            }
        }
        w.newline()
    }

    static func fact(_ term: String, _ w: inout HTMLWriter, _ value: (inout HTMLWriter) -> Void) {
        w.element("dt", text: term)
        w.element("dd", [:], value)
    }

    static func narrative(_ n: PostmortemReport.Narrative, _ w: inout HTMLWriter) {
        w.element("section", ["id": "section-\(n.key)"]) { w in
            w.element("h2", text: n.heading)
            let html = MarkdownHTML.render(n.markdown)
            if html.isEmpty {
                w.element("p", ["class": "empty"], text: "Not written yet.")
            } else {
                w.raw(html)
            }
        }
        w.newline()
    }

    static func durations(_ report: PostmortemReport, _ w: inout HTMLWriter) {
        w.element("section", ["id": "section-durations"]) { w in
            w.element("h2", text: "Durations")
            w.element("dl", ["class": "tiles"]) { w in
                for d in report.durations {
                    w.element("div", ["class": "tile"]) { w in
                        w.element("dt", text: d.title)
                        w.element("dd", ["class": d.seconds == nil ? "unknown" : nil]) { w in
                            w.text(d.text)
                            w.element("span", ["class": "how"], text: "from started to \(d.to)")
                        }
                    }
                }
            }
        }
        w.newline()
    }

    static func timeline(_ report: PostmortemReport, _ w: inout HTMLWriter) {
        let events = report.bundle.events
        w.element("section", ["id": "section-timeline"]) { w in
            w.element("h2", text: "Timeline")
            TimelineSVG(incident: report.incident, events: events).write(into: &w)
            guard !events.isEmpty else {
                w.element("p", ["class": "empty"], text: "No timeline events recorded.")
                return
            }
            let headers = ["#", "Time (UTC)", "Kind", "What happened", "Evidence"]
            w.table(class: "timeline-table", headers: headers) { w in
                for (n, e) in events.enumerated() {
                    w.element("tr", ["id": e.id.description]) { w in
                        w.element("td", ["class": "num"], text: String(n + 1))
                        w.element("td", ["class": "nowrap"]) { w in
                            w.element("time", ["datetime": e.at.description], text: e.at.description)
                        }
                        w.element("td", ["class": "nowrap"], text: e.eventKind.rawValue)
                        w.element("td") { w in w.raw(MarkdownHTML.render(e.text)) }
                        w.element("td") { w in evidenceList(e.evidence, &w) }
                    }
                }
            }
        }
        w.newline()
    }

    static func findings(_ report: PostmortemReport, _ w: inout HTMLWriter) {
        w.element("section", ["id": "section-findings"]) { w in
            w.element("h2", text: "Findings")
            let groups = report.findingGroups
            if groups.isEmpty { w.element("p", ["class": "empty"], text: "No findings recorded.") }
            for (category, findings) in groups {
                w.element("section", ["class": "category", "id": "category-\(category?.rawValue ?? "uncategorized")"]) { w in
                    w.element("h3", text: "\(category?.title ?? "Uncategorized") (\(findings.count))")
                    for f in findings {
                        w.element("article", ["class": "finding", "id": f.id.description]) { w in
                            w.element("h4") { w in
                                w.text(f.title)
                                w.text(" ")
                                w.element("span", ["class": "muted"], text: f.id.description)
                            }
                            w.raw(MarkdownHTML.render(f.narrative))
                            w.element("p") { w in
                                w.element("strong", text: "Evidence: ")
                                if f.evidence.isEmpty { w.element("span", ["class": "empty"], text: "none recorded") }
                            }
                            evidenceList(f.evidence, &w)
                            let fus = report.followUpRecords(of: f)
                            if !fus.isEmpty {
                                w.element("p") { w in
                                    w.element("strong", text: "Follow-ups: ")
                                    for (k, fu) in fus.enumerated() {
                                        if k > 0 { w.text("; ") }
                                        w.element("a", ["href": "#\(fu.id)"], text: fu.title)
                                        w.text(" (\(fu.status.rawValue))")
                                    }
                                }
                            }
                            if let reason = f.notDoing {
                                w.element("p") { w in
                                    w.element("strong", text: "Nothing will be done: ")
                                    w.text(reason)
                                }
                            }
                        }
                    }
                }
            }
        }
        w.newline()
    }

    static func followUps(_ report: PostmortemReport, _ w: inout HTMLWriter) {
        let fus = report.trackedFollowUps
        w.element("section", ["id": "section-followups"]) { w in
            w.element("h2", text: "Follow-ups")
            guard !fus.isEmpty else {
                w.element("p", ["class": "empty"], text: "No follow-ups recorded.")
                return
            }
            w.element("p", ["class": "progress"], text: report.progress.sentence)
            let headers = ["Follow-up", "Owner", "Priority", "Due", "Status", "Latest review", "Tracker"]
            w.table(class: "followups-table", headers: headers) { w in
                for fu in fus { followUpRow(fu, today: report.today, fix: report.fixes[fu.id], &w) }
            }
            let reviewed = fus.filter { !$0.reviews.isEmpty }
            if !reviewed.isEmpty {
                w.element("section", ["id": "section-review-log"]) { w in
                    w.element("h3", text: "Review log")
                    w.element("ul", ["class": "review-log"]) { w in
                        for fu in reviewed {
                            w.element("li") { w in
                                w.element("a", ["href": "#\(fu.id)"], text: fu.title)
                                w.element("ul") { w in
                                    for r in fu.reviews.sorted(by: { $0.date < $1.date }) {
                                        w.element("li") { w in
                                            w.element("time", ["datetime": r.date.description], text: r.date.day.description)
                                            w.text(", \(r.reviewer)" + (r.note.map { ": \($0)" } ?? ""))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        w.newline()
    }

    static func followUpRow(_ fu: FollowUp, today: Day, fix: String? = nil, _ w: inout HTMLWriter) {
        let overdue = fu.isOverdue(today: today)
        w.element("tr", ["id": fu.id.description, "class": overdue ? "overdue-row" : nil]) { w in
            w.element("td") { w in
                w.text(fu.title)
                w.void("br")
                w.element("span", ["class": "muted"],
                          text: "\(fu.id)" + (fu.followUpKind.map { " · \($0.rawValue)" } ?? ""))
                if !fu.narrative.isEmpty { w.raw(MarkdownHTML.render(fu.narrative)) }
                if let reason = fu.notDoing {
                    w.element("p", text: "Not doing: \(reason)")
                }
            }
            w.element("td", text: fu.owner ?? "none")
            w.element("td", text: fu.priority?.rawValue ?? "—")
            w.element("td", ["class": overdue ? "nowrap overdue" : "nowrap"]) { w in
                w.text(fu.due?.description ?? "none")
                if overdue {
                    w.void("br")
                    w.text("overdue")
                }
            }
            w.element("td", ["class": "nowrap"]) { w in
                w.text(fu.statusText)
                if let last = fu.lastReviewed {
                    w.void("br")
                    w.element("span", ["class": "muted"], text: "reviewed \(last.day)")
                }
                fixLine(fix, &w)
            }
            w.element("td") { w in
                if let r = fu.latestNote {
                    w.element("time", ["datetime": r.date.description], text: r.date.day.description)
                    w.text(": \(r.note ?? "")")
                } else {
                    w.element("span", ["class": "muted"], text: "none")
                }
            }
            w.element("td") { w in trackerLink(fu.tracker, &w) }
        }
    }

    /// Where the fix is, under the status, when a commit is linked.
    static func fixLine(_ fix: String?, _ w: inout HTMLWriter) {
        guard let fix, !fix.isEmpty else { return }
        w.void("br")
        w.element("span", ["class": "muted fix"], text: fix)
    }

    static func trackerLink(_ tracker: String?, _ w: inout HTMLWriter) {
        guard let tracker, !tracker.isEmpty else {
            w.element("span", ["class": "muted"], text: "none")
            return
        }
        if let href = SafeURL.absolute(tracker) {
            w.element("a", ["href": href], text: tracker)
        } else {
            w.text(tracker)
        }
    }

    /// Evidence items: a link for a web address, a path in `code`, and the sha256 when given.
    static func evidenceList(_ items: [String], _ w: inout HTMLWriter) {
        guard !items.isEmpty else { return }
        w.element("ul", ["class": "evidence"]) { w in
            for item in items {
                let (ref, digest) = EvidenceParts.split(item)
                w.element("li") { w in
                    if let href = SafeURL.absolute(ref) {
                        w.element("a", ["href": href], text: ref)
                    } else {
                        // A path means something only inside the team's own systems.
                        w.element("code", text: ref)
                        w.text(" ")
                        w.element("span", ["class": "muted internal"], text: "internal")
                    }
                    if let digest {
                        w.text(" ")
                        w.element("code", ["class": "muted digest"], text: digest)
                    }
                }
            }
        }
    }
}

/// An evidence item is a link or path, optionally followed by ` sha256:<hex>`.
enum EvidenceParts {
    static func split(_ item: String) -> (ref: String, digest: String?) {
        let trimmed = item.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.lastIndex(of: " ") else { return (trimmed, nil) }
        let last = trimmed[trimmed.index(after: space)...]
        guard last.lowercased().hasPrefix("sha256:") else { return (trimmed, nil) }
        return (trimmed[..<space].trimmingCharacters(in: .whitespaces), String(last))
    }
}
