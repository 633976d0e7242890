import Foundation
import InquestCLI
import Testing
import TestSupport

/// Following follow-ups until they are resolved: staleness, due dates, grouping by owner,
/// the summary on stderr, when they were resolved, and overdue ones in colour.
@Suite struct FollowUpTrackingTests {
    /// Three follow-ups of one incident, added on different days; today is 2026-11-28.
    func fixture() throws -> (Fixture, incident: String, late: String, soon: String, old: String) {
        let fx = try Fixture()
        let id = try fx.ok("new", "Tracked")
        func add(_ now: String, _ args: String...) throws -> String {
            try fx.sandbox.ok(["followup", "add", id, "--kind", "bug"] + args, in: fx.repo, env: ["INQUEST_NOW": now])
        }
        let late = try add("2026-11-20T09:00Z", "--owner", "carol", "--due", "2026-11-25", "Late one")
        let soon = try add("2026-11-27T09:00Z", "--owner", "Bob", "--due", "2026-12-05", "Soon one")
        let old = try add("2026-10-01T09:00Z", "--owner", "carol", "--due", "2027-01-10", "Old one")
        // Bugs are done only with a fix on main (the default done_requires): give each one.
        for fu in [late, soon, old] { try fx.fixOnMain(fu) }
        return (fx, id, late, soon, old)
    }

    func ids(_ fx: Fixture, _ args: String...) throws -> [String] {
        let out = try fx.ok(["followups", "--json"] + args)
        return (try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [[String: Any]]).map { $0["id"] as! String }
    }

    @Test func staleDueBeforeAndByOwner() throws {
        let (fx, _, late, soon, old) = try fixture()
        // Reviews move the clock of staleness: `old` was reviewed 2026-11-21 (7 days ago).
        try fx.sandbox.ok(["followup", "review", old, "--note", "still planned"], in: fx.repo,
                          env: ["INQUEST_NOW": "2026-11-21T10:00Z"])
        // Never reviewed: counted from when added. late 8 days, soon 1 day; old reviewed 7 days ago.
        #expect(try ids(fx, "--stale", "7") == [late, old])
        #expect(try ids(fx, "--stale", "8") == [late])
        #expect(try ids(fx, "--stale", "0") == [late, soon, old])
        // Resolved ones are never stale.
        try fx.ok("followup", "set", late, "status=done")
        #expect(try ids(fx, "--stale", "7") == [old])
        // Due strictly before the date.
        #expect(try ids(fx, "--due-before", "2026-12-05") == [late])
        #expect(try ids(fx, "--due-before", "2026-12-06") == [late, soon])
        // By owner: one flat JSON array sorted by owner (case-insensitive), due order within.
        #expect(try ids(fx, "--by-owner") == [soon, late, old])
        let text = try fx.ok("followups", "--by-owner", "--open")
        let lines = text.lines
        #expect(lines.first == "Bob (1)")
        #expect(lines.contains("carol (1)"))
        #expect(!text.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func resolvingRecordsWhenAndTheSummaryCountsIt() throws {
        let (fx, id, late, soon, old) = try fixture()
        var r = try fx.run(["followups"])
        // 3 open; late (due 11-25) overdue; nothing done yet.
        #expect(r.stderr.lines.last == "3 open, 1 overdue, 0 done this month")
        #expect(r.stdout.contains("2026-11-25 (overdue)"))

        try fx.ok("followup", "set", late, "status=done")
        var json = try fx.ok("show", id, "--json")
        #expect(json.contains("\"resolved_at\": \"2026-11-28T12:00:00Z\""))
        // Done last month does not count this month; a backdated resolved_at wins over now,
        // whichever order the assignments come in.
        try fx.ok("followup", "set", soon, "resolved_at=2026-10-30T10:00Z", "status=done")
        try fx.ok("followup", "set", old, "status=not-doing", "not_doing=obsolete", "resolved_at=2026-11-02")
        r = try fx.run(["followups"])
        #expect(r.stderr.lines.last == "0 open, 0 overdue, 1 done this month")
        json = try fx.ok("followups", "--json")
        #expect(json.contains("\"resolved_at\": \"2026-10-30T10:00:00Z\""))
        #expect(json.contains("\"resolved_at\": \"2026-11-02\""), "a day stays a day")
        #expect(json.contains("\"created\": \"2026-11-20T09:00:00Z\""))
        // Reopening clears it, and the record no longer carries the key at all.
        try fx.ok("followup", "set", late, "status=open")
        let file = try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines.first { $0.hasSuffix("\(late).md") }!
        let text = try fx.git("show", "postmortems:\(file)")
        #expect(!text.contains("resolved_at"))
        #expect(text.contains("\ncreated: 2026-11-20T09:00:00Z\n"))
        // --owner scopes the summary too.
        r = try fx.run(["followups", "--owner", "bob"])
        #expect(r.stderr.lines.last == "0 open, 0 overdue, 0 done this month")
    }

    @Test func overdueRowsAreRedAtATerminalUnlessNoColor() throws {
        let (fx, _, late, soon, _) = try fixture()
        func run(_ env: [String: String], terminal: Bool) -> String {
            let ctx = Context(environment: fx.sandbox.environment.merging(env) { $1 }, cwd: fx.repo,
                              out: OutputSink(terminal: terminal), err: OutputSink())
            #expect(Inquest.run(["followups"], context: ctx) == 0)
            return ctx.out.text
        }
        let colored = run([:], terminal: true)
        let red = colored.lines.filter { $0.hasPrefix("\u{1B}[31m") }
        #expect(red.count == 1 && red[0].contains(late) && red[0].hasSuffix("\u{1B}[0m"))
        #expect(colored.lines.contains { $0.hasPrefix(soon) })
        // Columns still line up: the codes wrap whole padded lines.
        let plain = run([:], terminal: false)
        #expect(colored.replacingOccurrences(of: "\u{1B}[31m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == plain)
        #expect(!run(["NO_COLOR": "1"], terminal: true).contains("\u{1B}["))
        #expect(!run(["TERM": "dumb"], terminal: true).contains("\u{1B}["))
        #expect(run(["NO_COLOR": ""], terminal: true).contains("\u{1B}[31m"))
    }

    @Test func badInputIsAUsageError() throws {
        let fx = try Fixture()
        for (args, message) in [(["followups", "--due-before", "someday"], "--due-before: 'someday' is not a date"),
                                (["followups", "--stale", "-1"], "--stale"),
                                (["followups", "--stale", "week"], "week"),
                                (["followup", "set", "FU-ZZZZ", "resolved_at=x"], "no follow-up FU-ZZZZ")] {
            let r = try fx.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
    }
}
