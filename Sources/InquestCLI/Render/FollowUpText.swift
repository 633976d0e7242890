import InquestCore

/// How a follow-up's dates read in text output, shared by `show` of an incident and of a
/// follow-up.
enum FollowUpText {
    /// " OVERDUE", " done 2026-12-14", " done 2026-12-20 (late)", or nothing.
    static func when(_ fu: FollowUp, today: Day) -> String {
        if fu.isOverdue(today: today) { return " OVERDUE" }
        guard fu.status == .done, let at = fu.resolvedAt else { return "" }
        return " done \(at.day)" + (fu.wasDoneLate == true ? " (late)" : "")
    }
}
