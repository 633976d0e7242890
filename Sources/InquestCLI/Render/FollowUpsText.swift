import InquestCore

/// `inquest followups` for people: one table, or one per owner.
enum FollowUpsText {
    typealias Row = (incident: Incident, followUp: FollowUp)

    static func render(_ rows: [Row], today: Day, byOwner: Bool, color: Color) -> String {
        guard byOwner else { return table(rows, today: today, color: color) }
        var out = ""
        var start = 0
        while start < rows.count {
            let owner = rows[start].followUp.owner
            var end = start
            while end < rows.count, ownerKey(rows[end].followUp.owner) == ownerKey(owner) { end += 1 }
            let group = Array(rows[start..<end])
            let overdue = group.filter { $0.followUp.isOverdue(today: today) }.count
            if !out.isEmpty { out += "\n" }
            var heading = "\(owner ?? "(no owner)") (\(group.count)"
            heading += overdue > 0 ? ", \(overdue) overdue)" : ")"
            out += color.bold(heading) + "\n"
            out += table(group, today: today, color: color)
            start = end
        }
        return out
    }

    static func table(_ rows: [Row], today: Day, color: Color) -> String {
        var table = Table(["ID", "INCIDENT", "STATUS", "PRI", "DUE", "OWNER", "TITLE"])
        for (_, fu) in rows {
            let late = fu.isOverdue(today: today)
            let due = fu.due.map { $0.description + (late ? " (overdue)" : "") } ?? "-"
            table.add([fu.id.description, fu.incident.description, fu.status.rawValue,
                       fu.priority?.rawValue ?? "-", due, fu.owner ?? "-", fu.title], marked: late)
        }
        return table.render(mark: color.red)
    }

    /// Owners case-insensitively, follow-ups without one last; the order within an owner
    /// (soonest due first) is kept.
    static func sortedByOwner(_ rows: [Row]) -> [Row] {
        rows.enumerated().sorted { a, b in
            let ka = ownerKey(a.element.followUp.owner), kb = ownerKey(b.element.followUp.owner)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    /// Sorts named owners first, alphabetically ignoring case.
    static func ownerKey(_ owner: String?) -> String {
        owner.map { "0" + $0.lowercased() } ?? "1"
    }
}
