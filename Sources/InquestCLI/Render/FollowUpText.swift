import InquestCore

/// `inquest show FU` for people: the follow-up under its incident's title, where its fix
/// is, and what `done` needs; and how a follow-up's dates read in any text output.
enum FollowUpText {
    /// " OVERDUE", " done 2026-12-14", " done 2026-12-20 (late)", or nothing.
    static func when(_ fu: FollowUp, today: Day) -> String {
        if fu.isOverdue(today: today) { return " OVERDUE" }
        guard fu.status == .done, let at = fu.resolvedAt else { return "" }
        return " done \(at.day)" + (fu.wasDoneLate == true ? " (late)" : "")
    }

    static func render(_ d: Postmortems.FollowUpDetail, in b: IncidentBundle, today: Day) -> String {
        let fu = d.followUp
        var out = "\(fu.id)  \(fu.title)\n"
        out += "follow-up of \(b.incident.title)  (\(b.incident.id), \(b.incident.severity.rawValue), \(b.incident.status.rawValue))\n"
        let facts = ["kind \(fu.followUpKind?.rawValue ?? "-")", "status \(fu.status.rawValue)",
                     "priority \(fu.priority?.rawValue ?? "-")", "due \(fu.due?.description ?? "-")" + when(fu, today: today),
                     "owner \(fu.owner ?? "-")"]
        out += facts.joined(separator: " · ") + "\n"
        if let tracker = fu.tracker { out += "tracker: \(tracker)\n" }
        for id in fu.findings {
            let f = b.findings.first { $0.id.description == id }
            out += "finding: \(f.map { "\($0.title)  \(id)" } ?? "\(id) (missing)")\n"
        }
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
        out += "\nReviews (\(fu.reviews.count))\n"
        for r in fu.reviews.sorted(by: { $0.date < $1.date }) {
            out += "  \(r.date)  \(r.reviewer)\(r.note.map { ": \($0)" } ?? "")\n"
        }
        if !fu.narrative.isEmpty { out += "\n\(fu.narrative)\n" }
        return out
    }
}
