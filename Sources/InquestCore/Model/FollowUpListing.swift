/// A follow-up as the `followups` table shows it: the columns printed and no more, so the
/// index can serve the table without reading any record file (`RecordIndex.followUpListing`).
public struct FollowUpListing: Sendable {
    public let id: RecordID
    public let incident: RecordID
    public let status: FollowUpStatus
    public let priority: Priority?
    public let due: Day?
    public let owner: String?
    public let title: String

    public init(id: RecordID, incident: RecordID, status: FollowUpStatus, priority: Priority?, due: Day?,
                owner: String?, title: String) {
        self.id = id
        self.incident = incident
        self.status = status
        self.priority = priority
        self.due = due
        self.owner = owner
        self.title = title
    }

    public init(_ fu: FollowUp) {
        self.init(id: fu.id, incident: fu.incident, status: fu.status, priority: fu.priority, due: fu.due,
                  owner: fu.owner, title: fu.title)
    }

    /// As `FollowUp.isOverdue`.
    public func isOverdue(today: Day) -> Bool {
        guard let due, !status.isResolved else { return false }
        return due < today
    }
}
