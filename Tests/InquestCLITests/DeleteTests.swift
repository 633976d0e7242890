import Foundation
import Testing
import TestSupport

/// `finding delete`, `timeline delete` and `followup delete`: one rule set for all three.
@Suite struct DeleteTests {
    @Test func deletingAFindingUnlinksItsFollowUpsAndShowsInLog() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Phished admin").trimmed
        let f = try fx.ok("finding", "add", id, "--category", "manual-error", "--evidence", "https://x.example/1",
                          "Clicked the link").trimmed
        let keep = try fx.ok("finding", "add", id, "--category", "process-flaw", "--evidence", "https://x.example/2",
                             "No phishing drill").trimmed
        let fu = try fx.ok("followup", "add", id, "--kind", "process", "--owner", "bob", "--due", "2026-12-01",
                           "--finding", f, "--finding", keep, "Run a drill").trimmed
        let before = fx.tip

        try fx.ok("finding", "delete", f)

        #expect(fx.tip != before)
        let show = try fx.showJSON(id)
        let findings = (show["findings"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(findings == [keep])
        let fus = show["followups"] as! [[String: Any]]
        #expect(fus.map { $0["id"] as! String } == [fu], "the follow-up stays: it is work someone owns")
        #expect(fus.first?["findings"] as? [String] == [keep], "no dangling link to the deleted finding")
        let log = try fx.ok("log", id)
        #expect(log.contains("deleted finding \(f)"), "log shows the deletion:\n\(log)")
        #expect(try fx.git("log", "-1", "--format=%s", "postmortems").trimmed == "\(id): delete \(f)")
        try fx.git("fsck", "--strict")
    }

    @Test func deletingAnEventAndAFollowUp() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Outage").trimmed
        let ev = try fx.ok("timeline", "add", id, "--at", "2026-11-28T10:00Z", "Wrong event").trimmed
        let f = try fx.ok("finding", "add", id, "--category", "manual-error", "--evidence", "https://x.example/1",
                          "Typo in config").trimmed
        let fu = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-01",
                           "--finding", f, "Lint the config").trimmed
        try fx.ok("timeline", "delete", ev)
        try fx.ok("followup", "delete", fu)
        let show = try fx.showJSON(id)
        #expect((show["timeline"] as! [Any]).isEmpty)
        #expect((show["followups"] as! [Any]).isEmpty)
        #expect((show["findings"] as! [[String: Any]]).first?["followups"] as? [String] == [])
        let log = try fx.ok("log", id)
        #expect(log.contains("deleted event \(ev)"), "log shows the deletion:\n\(log)")
        #expect(log.contains("deleted followup \(fu)"), "log shows the deletion:\n\(log)")
    }

    /// Deleting from an approved or closed incident would change what was approved: refused,
    /// exit 2, nothing written, for every kind.
    @Test func refusedOnceApproved() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Outage").trimmed
        let ev = try fx.ok("timeline", "add", id, "--at", "2026-11-28T10:00Z", "Something").trimmed
        let f = try fx.ok("finding", "add", id, "--category", "manual-error", "--evidence", "https://x.example/1",
                          "Typo").trimmed
        let fu = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-01",
                           "Lint").trimmed
        for status in ["approved", "closed"] {
            try fx.editIncident(id) { $0.replacing(#/status: \w+/#, with: "status: \(status)") }
            let tip = fx.tip
            for (command, record) in [("finding", f), ("timeline", ev), ("followup", fu)] {
                let r = try fx.run([command, "delete", record])
                #expect(r.status == 2, "\(command) delete at \(status)")
                #expect(r.stderr.contains("cannot delete") && r.stderr.contains(status), "\(r.stderr)")
                #expect(fx.tip == tip, "nothing written")
            }
        }
    }

    /// Edit on one clone, delete on the other: the edit survives as a conflict on `record`,
    /// as it does for follow-ups.
    @Test func editAgainstDeleteKeepsTheEdit() throws {
        let c = try Cluster(clones: 2)
        let id = try c.ok(0, "new", "Laptop stolen")
        let f = try c.ok(0, "finding", "add", id, "--category", "manual-error", "--evidence", "https://x.example/1",
                         "Disk not encrypted")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "finding", "delete", f)
        try c.ok(1, "set", f, "title=Disk not encrypted at rest")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "sync")
        for i in 0..<2 {
            let findings = try c.show(i, id)["findings"] as! [[String: Any]]
            #expect(findings.first?["title"] as? String == "Disk not encrypted at rest")
            let conflicts = try c.conflicts(i)
            #expect(conflicts.count == 1 && conflicts.first?["field"] as? String == "record")
        }
    }
}
