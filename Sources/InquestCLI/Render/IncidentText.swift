import InquestCore

/// `inquest show` for people.
enum IncidentText {
    static func render(_ b: IncidentBundle, today: Day, approvals: [ApprovalStatus] = []) -> String {
        let i = b.incident
        var out = "\(i.id)  \(i.title)\n"
        out += "severity \(i.severity.rawValue) · status \(i.status.rawValue) · owner \(i.owner ?? "-")"
        out += " · customer impact \(i.customerImpact ? "yes" : "no") · data breach \(i.dataBreach ? "yes" : "no")\n"
        if !i.tags.isEmpty { out += "tags: \(i.tags.joined(separator: ", "))\n" }
        for a in i.approvals {
            out += "approved by \(a.by) <\(a.email)> at \(a.at) (key \(a.key))"
            if let s = approvals.first(where: { $0.approval == a }), !s.counts {
                out += " — does not count: \(s.reason ?? "")"
            }
            out += "\n"
        }
        out += "\n"
        for field in Incident.timeFields {
            out += "\(field.padding(10))\(i.time(field)?.description ?? "-")\n"
        }
        let d = Durations(i)
        func show(_ v: Int64?) -> String { v.map(humanDuration) ?? "unknown" }
        out += "time to detect \(show(d.toDetect)) · to contain \(show(d.toContain)) · to resolve \(show(d.toResolve))\n"
        for s in i.sections.items {
            out += "\n## \(s.heading)\n\n"
            out += s.text.isEmpty ? "(empty)\n" : s.text + "\n"
        }
        out += "\nTimeline (\(b.events.count))\n"
        for e in b.events {
            let first = e.text.split(separator: "\n").first.map(String.init) ?? ""
            out += "  \(e.at)  \(e.eventKind.rawValue.padding(17)) \(first)  [\(e.id)]\n"
        }
        out += "\nFindings (\(b.findings.count))\n"
        for f in b.findings {
            out += "  \(f.id)  [\(f.category?.rawValue ?? "uncategorized")] \(f.title)\n"
            for ev in f.evidence { out += "      evidence: \(ev)\n" }
            let fus = b.followUps(of: f)
            if !fus.isEmpty { out += "      follow-ups: \(fus.joined(separator: ", "))\n" }
            if let nd = f.notDoing { out += "      not doing: \(nd)\n" }
        }
        out += "\nFollow-ups (\(b.followUps.count))\n"
        for fu in b.followUps {
            let overdue = fu.isOverdue(today: today) ? " OVERDUE" : ""
            out += "  \(fu.id)  [\(fu.status.rawValue)] \(fu.priority?.rawValue ?? "-") due \(fu.due?.description ?? "-")\(overdue)"
            out += "  \(fu.owner ?? "-"): \(fu.title)\n"
            for r in fu.reviews {
                out += "      reviewed \(r.date) by \(r.reviewer)\(r.note.map { ": \($0)" } ?? "")\n"
            }
        }
        let conflicts = b.conflicts
        if !conflicts.isEmpty {
            // Only when there are some, so the usual output is unchanged.
            out += "\nConflicts (\(conflicts.count)), see `inquest conflicts`\n"
            for c in conflicts {
                func value(_ v: String?) -> String {
                    guard let v else { return "(none)" }
                    let first = v.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                    return first == v ? first : first + " …"
                }
                out += "  \(c.record)  \(c.conflict.field): ours \(value(c.conflict.ours)), theirs \(value(c.conflict.theirs))\n"
            }
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
