import InquestCore

/// `inquest show FU` for people: the follow-up, where its fix is, and what `done` needs.
enum FollowUpText {
    static func render(_ d: Postmortems.FollowUpDetail, today: Day) -> String {
        let fu = d.followUp
        var out = "\(fu.id)  \(fu.title)\n"
        var facts = ["kind \(fu.followUpKind?.rawValue ?? "-")", "status \(fu.status.rawValue)",
                     "priority \(fu.priority?.rawValue ?? "-")", "due \(fu.due?.description ?? "-")"
                        + (fu.isOverdue(today: today) ? " (overdue)" : ""),
                     "owner \(fu.owner ?? "-")"]
        facts.append("incident \(d.incident.id)")
        out += facts.joined(separator: " · ") + "\n"
        if let tracker = fu.tracker { out += "tracker: \(tracker)\n" }
        if !fu.findings.isEmpty { out += "findings: \(fu.findings.joined(separator: ", "))\n" }
        if !fu.documents.isEmpty { out += "documents: \(fu.documents.joined(separator: ", "))\n" }
        if let reason = fu.notDoing { out += "not doing: \(reason)\n" }

        out += "\nFix: \(d.proof.summary.isEmpty ? "no linked commit" : Visible.text(d.proof.summary))\n"
        let need = d.requirement
        if need == .none {
            out += "Done needs: nothing (done_requires sets no rule for \(fu.followUpKind?.rawValue ?? "this kind"))\n"
        } else if let missing = d.missing {
            out += "Done needs: \(need.rawValue), not met: \(Visible.text(missing))\n"
        } else {
            out += "Done needs: \(need.rawValue), met\n"
        }
        if !d.proof.links.isEmpty {
            out += "\nLinks (\(d.proof.links.count))\n"
            var table = Table(["SOURCE", "COMMIT", "STATE", "WHERE", "SUBJECT"])
            for l in d.proof.links {
                table.add([l.source.rawValue, l.short ?? "-", l.state.rawValue,
                           Visible.text(l.phrase), Visible.text(l.subject ?? l.url ?? "")])
            }
            out += table.render().split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }
        if !fu.reviews.isEmpty {
            out += "\nReviews (\(fu.reviews.count))\n"
            for r in fu.reviews { out += "  \(r.date)  \(r.reviewer)\(r.note.map { ": \($0)" } ?? "")\n" }
        }
        if !fu.narrative.isEmpty { out += "\n\(fu.narrative)\n" }
        return out
    }
}
