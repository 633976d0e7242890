import Foundation
import Testing
import TestSupport

/// The attack: one pull request (or push) that relaxes `.inquest/policy.yml` and, with it,
/// adds a record that only the relaxed policy accepts. A change is never judged only by
/// rules it brings itself: `check --range` (the CI recipe) and the server hook refuse it.
@Suite struct PolicyRelaxationTests {
    /// A repository with a full postmortem in review, and a commit on top (made with plain
    /// git, as an attacker would) that drops `evidence` from the review gate and adds a
    /// finding without evidence.
    static func relax(_ fx: Fixture, in repo: String? = nil, incident id: String) throws -> String {
        let dir = (try fx.incidentPath(id, in: repo) as NSString).deletingLastPathComponent
        let finding = "F-ATTACK0001"
        try fx.editBranch(in: repo, message: "relax the policy and add an unsupported finding") { wt in
            let policy = wt + "/.inquest/policy.yml"
            let text = try String(contentsOfFile: policy, encoding: .utf8)
            try text.replacingOccurrences(of: "finding_needs: [category, evidence, followups_or_not_doing]",
                                          with: "finding_needs: [category]").write(to: policy)
            try """
                ---
                id: \(finding)
                incident: \(id)
                category: manual-error
                title: Trust me
                evidence: []
                followups: []
                ---

                """.write(to: "\(wt)/\(dir)/findings/\(finding).md")
        }
        return finding
    }

    @Test func checkRangeJudgesTheChangeByThePolicyBeforeItToo() throws {
        let fx = try Fixture()
        let id = try fx.writeFullPostmortem()
        let base = fx.tip
        let finding = try Self.relax(fx, incident: id)
        // The relaxed policy alone would pass it: the incident as it stands is fine by it.
        #expect(try fx.run(["check", id]).status == 0)
        let r = try fx.run(["check", "--range", "\(base)...postmortems"])
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("\(id) \(finding): evidence: has none; review needs it"))
        // Judged by the policy in force before the range, as the server judges a push.
        #expect(r.stderr.contains("this range changes .inquest/policy.yml"))
        let json = try JSONSerialization.jsonObject(with: Data(try fx.run(["check", "--range", "\(base)...postmortems", "--json"]).stdout.utf8)) as! [String: Any]
        #expect(json["policy_changed"] as? Bool == true)
        #expect(json["ok"] as? Bool == false)
    }

    @Test func theServerHookRefusesThePushAndAFreshCloneStaysClean() throws {
        let fx = try Fixture(bare: true, initialize: false)
        try fx.ok("hooks", "install", "--server")
        let daemon = try GitDaemon(base: fx.tmp.path, sandbox: fx.sandbox)
        let clone = fx.tmp.path + "/attacker"
        try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), clone], in: fx.tmp.path)
        try fx.sandbox.ok(["init"], in: clone)
        let id = try fx.writeFullPostmortem { try fx.sandbox.ok($0, in: clone) }
        try fx.sandbox.git(["push", "-q", "origin", "postmortems"], in: clone)
        let serverTip = try fx.git("rev-parse", "postmortems").trimmed
        let finding = try Self.relax(fx, in: clone, incident: id)
        let pushed = try fx.sandbox.run("git", ["push", "origin", "postmortems"], cwd: clone)
        #expect(pushed.status != 0)
        #expect(pushed.stderr.contains("remote: \(id) \(finding): evidence: has none; review needs it"))
        #expect(try fx.git("rev-parse", "postmortems").trimmed == serverTip)
        // A fresh clone with an empty HOME sees the branch as it was, and it checks clean.
        let fresh = fx.tmp.path + "/fresh"
        try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), fresh], in: fx.tmp.path)
        let empty = Sandbox(home: fx.tmp.sub("empty-home"))
        #expect(try empty.inquest(["check"], in: fresh).status == 0)
        #expect(try empty.inquest(["verify"], in: fresh).status == 0)
        #expect(!(try empty.ok(["show", id], in: fresh)).contains(finding))
    }
}
