import InquestCore

/// `inquest followups` for people: one table, or one per owner.
enum FollowUpsText {
    typealias Row = (incident: Incident, followUp: FollowUp)

    static func render(_ rows: [FollowUpListing], today: Day, byOwner: Bool, color: Color, fixes: [RecordID: String]? = nil) -> String {
        guard byOwner else { return table(rows, today: today, color: color, fixes: fixes) }
        var out = ""
        var start = 0
        while start < rows.count {
            let owner = rows[start].owner
            var end = start
            while end < rows.count, ownerKey(rows[end].owner) == ownerKey(owner) { end += 1 }
            let group = Array(rows[start..<end])
            let overdue = group.filter { $0.isOverdue(today: today) }.count
            if !out.isEmpty { out += "\n" }
            var heading = "\(owner ?? "(no owner)") (\(group.count)"
            heading += overdue > 0 ? ", \(overdue) overdue)" : ")"
            out += color.bold(heading) + "\n"
            out += table(group, today: today, color: color, fixes: fixes)
            start = end
        }
        return out
    }

    /// With `fixes` (`--links`), a FIX column says where each one's fix is.
    static func table(_ rows: [FollowUpListing], today: Day, color: Color, fixes: [RecordID: String]? = nil) -> String {
        var headers = ["ID", "INCIDENT", "STATUS", "PRI", "DUE", "OWNER"]
        if fixes != nil { headers.append("FIX") }
        var table = Table(headers + ["TITLE"])
        for fu in rows {
            let late = fu.isOverdue(today: today)
            let due = fu.due.map { $0.description + (late ? " (overdue)" : "") } ?? "-"
            var row = [fu.id.description, fu.incident.description, fu.status.rawValue,
                       fu.priority?.rawValue ?? "-", due, fu.owner ?? "-"]
            if let fixes { row.append(fixes[fu.id].flatMap { $0.isEmpty ? nil : Visible.text($0) } ?? "-") }
            table.add(row + [fu.title], marked: late)
        }
        return table.render(mark: color.red)
    }

    /// The trailer that says a code commit completes the follow-up.
    static func trailer(_ fu: FollowUp) -> String { "Fixes-Follow-up: \(fu.id)" }

    /// `--mine`: each follow-up on one line, then its trailer ready to paste on the next, so
    /// a `prepare-commit-msg` hook can add the whole list as comments (docs/followup-proof.md).
    static func mine(_ rows: [Row], today: Day) -> String {
        rows.map { _, fu in
            let late = fu.isOverdue(today: today) ? " (overdue)" : ""
            return "\(fu.id)  \(fu.priority?.rawValue ?? "-") due \(fu.due?.description ?? "-")\(late)  [\(fu.status.rawValue)]  \(fu.title)\n"
                + trailer(fu) + "\n"
        }.joined()
    }

    /// Owners case-insensitively, follow-ups without one last; the order within an owner
    /// (soonest due first) is kept.
    static func sortedByOwner<T>(_ rows: [T], owner: (T) -> String?) -> [T] {
        rows.enumerated().sorted { a, b in
            let ka = ownerKey(owner(a.element)), kb = ownerKey(owner(b.element))
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    /// Sorts named owners first, alphabetically ignoring case.
    static func ownerKey(_ owner: String?) -> String {
        owner.map { "0" + $0.lowercased() } ?? "1"
    }
}
