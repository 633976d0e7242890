import Foundation
import GitKit
import Testing
import TestSupport
@testable import InquestCore

/// The burn-down counts what was overdue then, from the due dates recorded on the branch at
/// each point in time, not today's.
@Suite struct DueHistoryTests {
    @Test func aDueDatePushedBackWasStillOverdueBeforeItWasMoved() throws {
        let tmp = TempDir()
        let sandbox = Sandbox(home: tmp.sub("home"))
        let repo = tmp.sub("repo")
        try sandbox.makeRepository(repo)
        func pm(on date: String) throws -> Postmortems {
            let env = sandbox.environment.merging(["GIT_COMMITTER_DATE": "\(date)T12:00:00Z",
                                                   "GIT_AUTHOR_DATE": "\(date)T12:00:00Z"]) { $1 }
            return Postmortems(store: try Store.open(path: repo, branch: nil, environment: env),
                               now: Timestamp.parse(date + "T12:00Z", now: Date())!.date)
        }
        _ = try pm(on: "2026-09-01").initialize()
        let id = try pm(on: "2026-09-01").create(.init(title: "Outage"))
        let fu = try pm(on: "2026-09-01").addFollowUp(id.description, .init(
            kind: .bug, owner: "bob", due: Day.parse("2026-10-01", now: Date())!, title: "Fix it"))
        // On 2026-10-20 the due date is pushed back to January.
        try pm(on: "2026-10-20").set(fu.description, [Assignment(field: "due", operation: .set, value: "2027-01-15")])

        let today = Day.parse("2026-11-28", now: Date())!
        let reader = try pm(on: "2026-11-28")
        let items = try reader.snapshot().allFollowUps()
        let history = try reader.dueHistory()
        #expect(history.due(of: fu.description, on: Day.parse("2026-10-10", now: Date())!)
                == .some(Day.parse("2026-10-01", now: Date())!))
        #expect(history.due(of: fu.description, on: today) == .some(Day.parse("2027-01-15", now: Date())!))

        let then = BurnDown(items, today: today, dueHistory: history)
        let now = BurnDown(items, today: today)
        // The week ending 2026-10-17: overdue by the date it had then; not by today's.
        let week = today.days - 6 * 7
        #expect(Day(days: week).description == "2026-10-17")
        #expect(then.points.first { $0.day.days == week }?.overdue == 1)
        #expect(now.points.first { $0.day.days == week }?.overdue == 0)
        // After it was moved, neither counts it.
        #expect(then.points.last?.overdue == 0)
    }
}
