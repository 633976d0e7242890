import Foundation
import Testing
import TestSupport

@Suite struct PolicyTests {
    @Test func reviewGateListsEverythingMissingAtOnce() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Customer data exposed", "--severity", "sev1", "--customer-impact")
        try fx.ok("status", id, "resolved")
        let before = fx.tip
        let r = try fx.run(["status", id, "review"])
        #expect(r.status == 1)
        #expect(fx.tip == before)
        let lines = r.stderr.lines
        #expect(lines.first == "error: \(id) cannot move to review:")
        for field in ["summary", "impact", "technical_summary", "actors", "response", "takeaways"] {
            #expect(lines.contains { $0.contains("\(id): \(field): section is empty; review needs it (full postmortem required: sev1, customer impact)") }, "\(field)")
        }
        for field in ["started", "detected", "contained"] {
            #expect(lines.contains { $0.contains("\(id): \(field): is not set; review needs it") }, "\(field)")
        }
        // resolved was filled in by `status resolved`, so it is not reported.
        #expect(!lines.contains { $0.contains(": resolved: is not set") })
        #expect(lines.contains { $0.contains("\(id): timeline: has 0 events; review needs at least 1") })
        #expect(lines.contains { $0.contains("\(id): findings: has 0; review needs at least 1") })

        // A finding without evidence or follow-ups, and a follow-up without priority, are named.
        let f = try fx.ok("finding", "add", id, "--category", "manual-error", "Typo in firewall rule")
        let fu = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-01", "Lint rules")
        try fx.ok("followup", "set", fu, "priority=")
        let r2 = try fx.run(["status", id, "review"])
        #expect(r2.stderr.contains("\(id) \(f): evidence: has none; review needs it"))
        #expect(r2.stderr.contains("\(id) \(f): followups: has no follow-up and no not_doing reason"))
        #expect(r2.stderr.contains("\(id) \(fu): priority: is not set; review needs it"))

        // Still resolved, the incident itself is fine: gates are about moving on.
        #expect(try fx.run(["check", id]).status == 0)
    }

    @Test func aFullPostmortemPassesAndCheckAgrees() throws {
        let fx = try Fixture()
        let id = try fx.writeFullPostmortem() // reaches review through the gate
        #expect(try fx.ok("show", id, "--json").contains("\"status\": \"review\""))
        let r = try fx.run(["check"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("Checked 1 incident: no problems."))
        // Approval needs a sign-off by someone other than the author; unsigned, the
        // creating commit proves no author, so two trusted signers are needed.
        let a = try fx.run(["status", id, "approved"])
        #expect(a.status == 1)
        #expect(a.stderr.contains("\(id): approvals: the incident's author is unproven: commit "), "\(a.stderr)")
        #expect(a.stderr.contains("is unsigned, so anyone could have written it as alice@example.com; it needs sign-offs by two trusted signers with different owners"), "\(a.stderr)")
    }

    @Test func lowSeverityNeedsNoFullPostmortemUnlessThePolicySaysSo() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Minor blip", "--severity", "sev3")
        try fx.ok("status", id, "resolved")
        try fx.ok("status", id, "review")
        try fx.ok("status", id, "open")

        // A team makes every incident need tags, and sev3 need a full postmortem.
        try fx.editBranch(message: "policy: sev3 needs a full postmortem; tags for all") { wt in
            var policy = try String(contentsOfFile: wt + "/.inquest/policy.yml", encoding: .utf8)
            policy = policy.replacingOccurrences(of: "severities: [sev1, sev2]", with: "severities: [sev1, sev2, sev3]")
            policy = policy.replacingOccurrences(of: "every_incident:\n  gates:\n",
                                                 with: "every_incident:\n  gates:\n    open:\n      fields: [tags, owner]\n")
            try policy.write(to: wt + "/.inquest/policy.yml")
        }

        let c = try fx.run(["check"])
        #expect(c.status == 1)
        #expect(c.stdout.contains("\(id): tags: is not set; open needs it"))
        #expect(c.stdout.contains("\(id): owner: is not set; open needs it"))
        try fx.ok("set", id, "tags=network", "owner=dana")
        try fx.ok("status", id, "resolved")
        let r = try fx.run(["status", id, "review"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("full postmortem required: sev3"))
    }

    @Test func garbagePolicyIsAnErrorNotAFreePass() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Anything", "--severity", "sev1")
        try fx.editBranch(message: "broken policy") { wt in
            try "version: 1\ngates:\n  review:\n    sectons: [summary]\n".write(to: wt + "/.inquest/policy.yml")
        }
        let c = try fx.run(["check"])
        #expect(c.status == 1)
        #expect(c.stderr.contains(".inquest/policy.yml:4: gates.review: unknown setting 'sectons'"))
        // Every forward move reads the policy, so a broken one stops them all.
        let before = fx.tip
        let s = try fx.run(["status", id, "resolved"])
        #expect(s.status == 1)
        #expect(s.stderr.contains(".inquest/policy.yml:4:"))
        #expect(fx.tip == before)
        try fx.editBranch(message: "worse") { wt in try "{{{{\n".write(to: wt + "/.inquest/policy.yml") }
        let y = try fx.run(["check"])
        #expect(y.status == 1)
        #expect(y.stderr.contains(".inquest/policy.yml"))
    }

    @Test func checkRangeLooksOnlyAtWhatChanged() throws {
        let fx = try Fixture()
        let old = try fx.ok("new", "Old and incomplete", "--severity", "sev1")
        // Force an incident into review by hand, skipping the gate.
        let rel = try fx.editIncident(old, message: "skip the gate") {
            $0.replacingOccurrences(of: "status: open", with: "status: review")
        }
        let base = try fx.git("rev-parse", "postmortems").trimmed
        let fresh = try fx.ok("new", "New and fine", "--severity", "sev4")
        let clean = try fx.run(["check", "--range", "\(base)..postmortems"])
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stderr.contains("Checked 1 incident"))
        let all = try fx.run(["check", "--range", "\(base)~1..postmortems"])
        #expect(all.status == 1)
        #expect(all.stdout.contains("\(old): summary: section is empty; review needs it"))
        #expect(!all.stdout.contains(fresh))
        // Raw conflict markers are refused wherever they appear.
        try fx.editIncident(old, message: "markers") { $0 + "\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n" }
        let m = try fx.run(["check", "--range", "\(base)..postmortems"])
        #expect(m.stdout.contains("\(rel):"))
        #expect(m.stdout.contains("raw merge-conflict marker"))
    }

    /// A conflict kept as data blocks approval and closing, whatever the severity, until resolved.
    @Test func aStandingConflictBlocksApproval() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Minor", "--severity", "sev4", "--owner", "ann")
        try fx.ok("status", id, "resolved")
        try fx.ok("status", id, "review")
        try fx.editIncident(id, message: "a merge left a conflict") {
            $0.replacingOccurrences(of: "tags: []\n", with: "tags: []\nconflicts:\n  - {field: owner, base: ann, ours: bob, theirs: cy}\n")
        }
        let refused = try fx.run(["status", id, "approved"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(id): owner: unresolved conflict (ours: bob, theirs: cy); approved needs it resolved"))
        try fx.ok("resolve", id, "owner", "--value", "dee")
        try fx.ok("status", id, "approved")
        try fx.ok("status", id, "closed")
    }
}
