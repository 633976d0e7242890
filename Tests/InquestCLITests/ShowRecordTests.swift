import Foundation
import Testing
import TestSupport

/// `show` of a finding, follow-up or event; follow-ups in the order a manager reads them;
/// counts that agree with their nouns.
@Suite struct ShowRecordTests {
    @Test func showsEachKindOfRecordUnderItsIncidentsTitle() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Phished admin").trimmed
        let ev = try fx.ok("timeline", "add", id, "--at", "2026-11-28T10:00Z", "--kind", "detection", "Report from staff").trimmed
        let f = try fx.ok("finding", "add", id, "--category", "manual-error", "--evidence", "https://x.example/1",
                          "Clicked the link").trimmed
        let fu = try fx.ok("followup", "add", id, "--kind", "process", "--owner", "bob", "--due", "2026-12-01",
                           "--finding", f, "Run a drill").trimmed
        try fx.ok("followup", "review", fu, "--note", "Drill booked for January")

        let finding = try fx.ok("show", f)
        #expect(finding.hasPrefix("\(f)  Clicked the link\nfinding of Phished admin  (\(id)"))
        #expect(finding.contains("follow-up: Run a drill [open]  \(fu)"), "follow-ups by title:\n\(finding)")

        let followUp = try fx.ok("show", String(fu.prefix(7)))
        #expect(followUp.hasPrefix("\(fu)  Run a drill\nfollow-up of Phished admin"))
        #expect(followUp.contains("finding: Clicked the link  \(f)"))
        #expect(followUp.contains("Reviews (1)") && followUp.contains(": Drill booked for January"))

        let event = try fx.ok("show", ev)
        #expect(event.contains("timeline event of Phished admin") && event.contains("Report from staff"))

        for (rid, kindKey) in [(f, "category"), (fu, "owner"), (ev, "kind")] {
            let json = try fx.showJSON(rid)
            #expect(json["id"] as? String == rid)
            #expect(json["incident"] as? String == id)
            #expect(json["incident_title"] as? String == "Phished admin")
            #expect(json[kindKey] != nil)
        }
        // A bare prefix still means an incident, as everywhere.
        #expect(try fx.showJSON(String(id.dropFirst(4).prefix(5)))["id"] as? String == id)
        // An unknown record of a kind: exit 2, naming it.
        let r = try fx.run(["show", "FU-ZZZZZZ"])
        #expect(r.status == 2 && r.stderr.contains("FU-ZZZZZZ"))
    }

    @Test func followUpsByPriorityThenDueWithNotesAndProgress() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Outage").trimmed
        let late = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "a", "--due", "2026-11-01",
                             "--priority", "p3", "Low and overdue").trimmed
        let urgent = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "b", "--due", "2027-01-10",
                               "--priority", "p1", "Urgent later").trimmed
        let soon = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "c", "--due", "2026-12-10",
                             "--priority", "p1", "Urgent sooner").trimmed
        let done = try fx.ok("followup", "add", id, "--kind", "process", "--owner", "d", "--due", "2026-11-20",
                             "--priority", "p1", "Done late").trimmed
        try fx.ok("followup", "set", done, "status=done")
        let text = try fx.ok("show", id)
        let order = [soon, urgent, late, done].map { id in text.range(of: id)!.lowerBound }
        #expect(order == order.sorted(), "p1 by due date, then p3, then resolved:\n\(text)")
        #expect(text.contains("Follow-ups (4): 1 of 4 follow-ups resolved, 1 overdue."), "\(text)")
        #expect(text.contains("\(late)  [open] p3 due 2026-11-01 OVERDUE"))
        #expect(text.contains("done 2026-11-28 (late)"), "done after its due date is marked late:\n\(text)")
    }

    @Test func checkCountsAgreeWithTheirNouns() throws {
        let fx = try Fixture()
        _ = try fx.ok("new", "One")
        let r = try fx.run(["check"])
        #expect(r.stderr.contains("Checked 1 incident: no problems."), "\(r.stderr)")
        let v = try fx.run(["verify"])
        #expect(!v.stderr.contains("1 commits") && v.stderr.contains("2 commits"), "\(v.stderr)")
    }
}
