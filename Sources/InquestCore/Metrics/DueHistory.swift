import Foundation
import GitKit

/// The due dates follow-ups had over time, read from the branch's history, so a burn-down
/// counts what was overdue *then*: a follow-up whose due date was pushed back from
/// November to January was overdue in December, whatever it says today.
public struct DueHistory: Sendable {
    /// Per follow-up ID: (the day a due date was recorded, that due date), oldest first.
    private(set) var changes: [String: [(since: Int64, due: Day?)]] = [:]

    public init() {}

    mutating func record(_ id: String, since day: Int64, due: Day?) {
        var list = changes[id, default: []]
        if list.last?.due == due { return }
        list.append((day, due))
        changes[id] = list
    }

    /// The due date `id` had at the end of `day`, as recorded on the branch then; nil when
    /// the history has nothing for it (the caller then uses today's value).
    public func due(of id: String, on day: Day) -> Day?? {
        guard let list = changes[id], let entry = list.last(where: { $0.since <= day.days }) else { return nil }
        return .some(entry.due)
    }
}

extension Postmortems {
    /// Reads every follow-up's due dates from the first-parent history of the branch: one
    /// pass, a tree diff per commit, and only the `due:` line of each changed follow-up.
    public func dueHistory() throws -> DueHistory {
        let repo = store.repository
        var history = DueHistory()
        guard var id = try store.tip else { return history }
        var line: [CommitInfo] = []
        while true {
            let info = try repo.commit(id)
            line.append(info)
            guard let parent = info.parents.first else { break }
            id = parent
        }
        var previousTree: OID?
        for info in line.reversed() {
            let day = Int64((Double(info.committer.time) / 86400).rounded(.down))
            for change in try repo.diffTrees(previousTree, info.tree)
            where change.path.hasPrefix(Layout.incidentsRoot + "/") && change.path.contains("/\(Layout.followUpsDir)/") {
                guard let name = change.path.split(separator: "/").last,
                      let fu = Layout.recordID(fileName: String(name)), fu.kind == .followUp else { continue }
                guard let blob = change.newID else { continue } // deleted: its last due date stands
                history.record(fu.description, since: day, due: Self.dueLine(try repo.readBlob(blob)))
            }
            previousTree = info.tree
        }
        return history
    }

    /// The `due:` of a follow-up file's front matter, without parsing the whole record.
    static func dueLine(_ data: Data) -> Day? {
        let text = String(decoding: data.prefix(8192), as: UTF8.self)
        for line in text.split(separator: "\n").dropFirst() {
            if line == "---" { break }
            if line.hasPrefix("due:") {
                let value = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
                return Day.parse(value.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")), now: Date())
            }
        }
        return nil
    }
}
