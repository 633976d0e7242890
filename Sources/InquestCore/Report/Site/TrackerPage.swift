/// Follow-ups until they are resolved: a progress line, open ones grouped by owner, by
/// priority then due date in each group, then those resolved, most recent first.
enum TrackerPage {
    typealias Item = (incident: Incident, followUp: FollowUp)

    static func render(_ items: [Item], today: Day, fixes: [RecordID: String] = [:]) -> String {
        let open = items.filter { !$0.followUp.status.isResolved }
        let byOwner = Dictionary(grouping: open) { $0.followUp.owner ?? "" }
        // Named owners alphabetically, case-insensitively; follow-ups without one last.
        let owners = byOwner.keys.sorted { a, b in
            a.isEmpty != b.isEmpty ? !a.isEmpty : (a.lowercased(), a) < (b.lowercased(), b)
        }
        let summary = FollowUpSummary(items, today: today)
        return PageShell.page(title: "Follow-ups — Inquest", nav: SitePages.nav(current: SitePages.followUps, depth: 0),
                              generated: today, capacity: 4096 + items.count * 600) { w in
            w.element("h1", text: "Follow-ups")
            w.element("p", ["class": "progress"], text: FollowUpProgress(items.map(\.followUp), today: today).sentence)
            w.element("p", ["class": "summary-line"], text: summary.line.prefix(1).uppercased() + summary.line.dropFirst() + ".")
            if owners.isEmpty {
                w.element("p", ["class": "empty"], text: "No open follow-ups.")
            } else {
                w.table(class: "owners", headers: ["Owner", "Open", "Overdue"]) { w in
                    for (n, owner) in owners.enumerated() {
                        let group = byOwner[owner] ?? []
                        let overdue = group.filter { $0.followUp.isOverdue(today: today) }.count
                        w.element("tr") { w in
                            w.element("td") { w in
                                w.element("a", ["href": "#owner-\(n + 1)"], text: owner.isEmpty ? "no owner" : owner)
                            }
                            w.element("td", ["class": "num"], text: String(group.count))
                            w.element("td", ["class": overdue > 0 ? "num overdue" : "num"], text: String(overdue))
                        }
                    }
                }
            }
            for (n, owner) in owners.enumerated() {
                let group = (byOwner[owner] ?? []).sorted { FollowUp.trackingOrder($0.followUp, $1.followUp) }
                w.element("section", ["id": "owner-\(n + 1)"]) { w in
                    w.element("h2", text: owner.isEmpty ? "No owner" : owner)
                    table(group, today: today, resolved: false, fixes: fixes, &w)
                }
            }
            let resolved = items.filter { $0.followUp.status.isResolved }.sorted { a, b in
                let ca = a.followUp.closed(in: a.incident)!, cb = b.followUp.closed(in: b.incident)!
                return (ca, b.followUp.id) > (cb, a.followUp.id)
            }
            w.element("section", ["id": "resolved"]) { w in
                w.element("h2", text: "Resolved (\(resolved.count))")
                if resolved.isEmpty {
                    w.element("p", ["class": "empty"], text: "None yet.")
                } else {
                    table(resolved, today: today, resolved: true, fixes: fixes, &w)
                }
            }
        }
    }

    static func table(_ items: [Item], today: Day, resolved: Bool, fixes: [RecordID: String] = [:], _ w: inout HTMLWriter) {
        let headers = resolved
            ? ["Follow-up", "Owner", "Status", "Resolved", "Incident", "Tracker"]
            : ["Follow-up", "Due", "Status", "Priority", "Incident", "Tracker", "Last review"]
        w.table(class: "followups-table", headers: headers) { w in
            for (incident, fu) in items {
                let overdue = fu.isOverdue(today: today)
                w.element("tr", ["class": overdue ? "overdue-row" : nil]) { w in
                    w.element("td") { w in
                        w.text(fu.title)
                        w.void("br")
                        w.element("span", ["class": "muted"], text: fu.id.description)
                    }
                    if resolved {
                        w.element("td", text: fu.owner ?? "none")
                        w.element("td") { w in
                            w.text(fu.status.rawValue)
                            PostmortemHTML.fixLine(fixes[fu.id], &w)
                        }
                        w.element("td", ["class": "nowrap"],
                                  text: (fu.closed(in: incident)?.day.description ?? "") + (fu.wasDoneLate == true ? " (late)" : ""))
                    } else {
                        w.element("td", ["class": overdue ? "nowrap overdue" : "nowrap"]) { w in
                            w.text(fu.due?.description ?? "none")
                            if overdue {
                                w.void("br")
                                w.text("overdue")
                            }
                        }
                        w.element("td") { w in
                            w.text(fu.status.rawValue)
                            PostmortemHTML.fixLine(fixes[fu.id], &w)
                        }
                        w.element("td", text: fu.priority?.rawValue ?? "—")
                    }
                    w.element("td") { w in
                        // Titles first; the ID is for whoever needs to type it.
                        w.element("a", ["href": SitePages.incident(incident.id) + "#\(fu.id)"], text: incident.title)
                        w.void("br")
                        w.element("span", ["class": "muted"], text: incident.id.description)
                    }
                    w.element("td") { w in PostmortemHTML.trackerLink(fu.tracker, &w) }
                    if !resolved {
                        w.element("td") { w in
                            if let note = fu.latestNote {
                                w.element("span", ["class": "nowrap"], text: note.date.day.description)
                                w.text(": \(note.note ?? "")")
                            } else {
                                w.text(fu.lastReviewed.map { $0.day.description } ?? "never")
                            }
                        }
                    }
                }
            }
        }
    }
}
