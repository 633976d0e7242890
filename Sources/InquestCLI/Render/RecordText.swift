import InquestCore

/// `inquest show` of a timeline event, finding or follow-up: the record in full, under its
/// incident's title, with the records it links to named by title.
enum RecordText {
    static func render(_ record: IncidentBundle.Record, in b: IncidentBundle, today: Day) -> String {
        var out = ""
        let parent = "\(b.incident.title)  (\(b.incident.id), \(b.incident.severity.rawValue), \(b.incident.status.rawValue))"
        switch record {
        case .event(let e):
            out += "\(e.id)  timeline event of \(parent)\n"
            out += "at \(e.at) · kind \(e.eventKind.rawValue)\n"
            for ev in e.evidence { out += "evidence: \(ev)\n" }
            out += "\n\(e.text)\n"
        case .finding(let f):
            out += "\(f.id)  \(f.title)\n"
            out += "finding of \(parent)\n"
            out += "category \(f.category?.rawValue ?? "uncategorized")\n"
            for ev in f.evidence { out += "evidence: \(ev)\n" }
            for id in b.followUps(of: f) {
                let fu = b.followUps.first { $0.id.description == id }
                out += "follow-up: \(fu.map { "\($0.title) [\($0.status.rawValue)]  \(id)" } ?? "\(id) (missing)")\n"
            }
            if let nd = f.notDoing { out += "not doing: \(nd)\n" }
            if !f.narrative.isEmpty { out += "\n\(f.narrative)\n" }
        case .followUp(let fu):
            out += "\(fu.id)  \(fu.title)\n"
            out += "follow-up of \(parent)\n"
            out += "kind \(fu.followUpKind?.rawValue ?? "-") · status \(fu.status.rawValue) · priority \(fu.priority?.rawValue ?? "-")"
            out += " · owner \(fu.owner ?? "-") · due \(fu.due?.description ?? "-")\(FollowUpText.when(fu, today: today))\n"
            if let nd = fu.notDoing { out += "not doing: \(nd)\n" }
            if let t = fu.tracker { out += "tracker: \(t)\n" }
            for id in fu.findings {
                let f = b.findings.first { $0.id.description == id }
                out += "finding: \(f.map { "\($0.title)  \(id)" } ?? "\(id) (missing)")\n"
            }
            out += "\nReviews (\(fu.reviews.count))\n"
            for r in fu.reviews.sorted(by: { $0.date < $1.date }) {
                out += "  \(r.date)  \(r.reviewer)" + (r.note.map { ": \($0)" } ?? "") + "\n"
            }
            if !fu.narrative.isEmpty { out += "\n\(fu.narrative)\n" }
        }
        let conflicts = b.conflicts.filter { $0.record == record.id }
        if !conflicts.isEmpty {
            out += "\nConflicts (\(conflicts.count)), see `inquest conflicts`\n"
            for c in conflicts { out += "  \(c.conflict.field)\n" }
        }
        return out
    }
}
