import Foundation
import Testing
import TestSupport

/// The policy changes without a worktree: `policy edit`, read strictly before it is committed.
@Suite struct PolicyEditTests {
    @Test func editCommitsAValidPolicyAndRefusesATypo() throws {
        let fx = try Fixture()
        #expect(try fx.ok("policy", "show").contains("require_signed: false"))
        let r = try fx.run(["policy", "edit"], env: ["GIT_EDITOR": "sed -i 's/require_signed: false/require_signed: true/'"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try fx.git("show", "postmortems:.inquest/policy.yml").contains("require_signed: true"))
        #expect(try fx.git("log", "-1", "--format=%s", "postmortems").trimmed == "policy: edit .inquest/policy.yml")

        let tip = fx.tip
        let typo = try fx.run(["policy", "edit"], env: ["GIT_EDITOR": "sed -i 's/require_signed:/require_signd:/'"])
        #expect(typo.status == 1, "\(typo.stderr)")
        #expect(typo.stderr.contains(".inquest/policy.yml:") && typo.stderr.contains("require_signd"), "\(typo.stderr)")
        #expect(typo.stderr.contains("your edit is saved in"))
        #expect(fx.tip == tip, "nothing written")
    }
}
