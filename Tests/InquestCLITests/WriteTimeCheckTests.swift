import Foundation
import Testing
import TestSupport

/// Problems found when they are made: a write that would leave an incident short of the
/// gates of its status is refused (exit 1, the hooks' message, nothing written), unless
/// --no-verify; problems that were already there do not block mending the rest.
@Suite struct WriteTimeCheckTests {
    @Test func emptyingEvidenceAtReviewIsRefused() throws {
        let fx = try Fixture()
        let id = try fx.writeFullPostmortem()
        let show = try fx.showJSON(id)
        let f = (show["findings"] as! [[String: Any]])[0]["id"] as! String
        let fu = (show["followups"] as! [[String: Any]])[0]["id"] as! String
        let tip = fx.tip

        let r = try fx.run(["set", f, "evidence="])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(id) is at review; this change would leave it short of what review needs"))
        #expect(r.stderr.contains("\(f): evidence: has none; review needs it"), "the hooks' own words:\n\(r.stderr)")
        #expect(r.stderr.contains("--no-verify"))
        #expect(fx.tip == tip, "nothing written")

        let owner = try fx.run(["followup", "set", fu, "owner="])
        #expect(owner.status == 1 && owner.stderr.contains("owner"), "\(owner.stderr)")
        #expect(fx.tip == tip)
        // Deleting one of two findings leaves review satisfied; deleting the last does not.
        let f2 = (show["findings"] as! [[String: Any]])[1]["id"] as! String
        try fx.ok("finding", "delete", f2)
        let afterOne = fx.tip
        let last = try fx.run(["finding", "delete", f])
        #expect(last.status == 1 && last.stderr.contains("findings: has 0"), "\(last.stderr)")
        #expect(fx.tip == afterOne)

        // --no-verify, as for git commit: written; `check` (and the hooks) still see it.
        let forced = try fx.run(["set", f, "evidence=", "--no-verify"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(fx.tip != afterOne)
        #expect(try fx.run(["check", id]).status == 1)
    }

    /// A new finding at review needs its evidence at once, but its follow-up can only come
    /// with the next command (a follow-up names its findings).
    @Test func aNewFindingAtReviewNeedsEvidenceButMayWaitForItsFollowUp() throws {
        let fx = try Fixture()
        let id = try fx.writeFullPostmortem()
        let bare = try fx.run(["finding", "add", id, "--category", "manual-error", "No evidence"])
        #expect(bare.status == 1 && bare.stderr.contains("evidence: has none"), "\(bare.stderr)")
        let f = try fx.ok("finding", "add", id, "--category", "manual-error", "--evidence", "https://x.example/3", "Third").trimmed
        try fx.ok("followup", "add", id, "--kind", "process", "--owner", "dan", "--due", "2026-12-30", "--finding", f, "Train")
        #expect(try fx.run(["check", id]).status == 0)
    }

    @Test func problemsAlreadyThereDoNotBlockOtherChanges() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Old incident", "--severity", "sev1").trimmed
        // Committed by hand at review with nothing written: short of everything.
        try fx.editIncident(id) { $0.replacingOccurrences(of: "status: open", with: "status: review") }
        let r = try fx.run(["set", id, "title=Old incident, renamed", "summary=Now written"])
        #expect(r.status == 0, "mending is allowed: \(r.stderr)")
        // But a change that adds a new shortfall is still refused.
        let worse = try fx.run(["set", id, "summary="])
        #expect(worse.status == 1 && worse.stderr.contains("summary"), "\(worse.stderr)")
    }
}
