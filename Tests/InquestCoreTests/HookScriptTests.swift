import Foundation
import Testing
@testable import InquestCore

@Suite struct HookScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Hooks/ holds the scripts exactly as the binary renders them (no fixed binary path), so
    /// what reviewers read is what `inquest hooks install` writes. UPDATE_GOLDEN=1 rewrites them.
    @Test(arguments: HookInstaller.clientHooks + HookInstaller.serverHooks)
    func hooksFolderMatchesTheRenderedScripts(name: String) throws {
        let path = Self.root.appendingPathComponent("Hooks/\(name)").path
        let rendered = HookScript.render(name, binary: nil)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == rendered)
        #expect(FileManager.default.isExecutableFile(atPath: path))
        // POSIX sh must accept it.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-n", path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func policyErrorsNameFileAndLine() {
        func error(_ text: String) -> String {
            do { _ = try PolicyParser.parse(text, path: ".inquest/policy.yml"); return "accepted" } catch {
                return String(describing: error)
            }
        }
        #expect(error("version: 1\nfull_postmortem:\n  severites: [sev1]\n")
            == ".inquest/policy.yml:3: full_postmortem: unknown setting 'severites' (known: severities, customer_impact, data_breach)")
        #expect(error("version: 1\ngates:\n  review:\n    min_findings: lots\n")
            == ".inquest/policy.yml:4: min_findings: expected a whole number")
        #expect(error("version: 1\ngates:\n  reviewed: {}\n").hasPrefix(".inquest/policy.yml:3: gates: 'reviewed' is not a status"))
        #expect(error("gates: [\n").hasPrefix(".inquest/policy.yml:2: not valid YAML: "))
        #expect(error("- just\n- a list\n") == ".inquest/policy.yml:1: the policy must be a mapping of settings")
        #expect(error("require_signed: perhaps\n") == ".inquest/policy.yml:1: require_signed: 'perhaps' is not true or false")
    }

    @Test func defaultsFollowTheDesign() {
        let d = PolicyRules.defaults
        #expect(d.trigger.severities == [.sev1, .sev2] && d.trigger.customerImpact && d.trigger.dataBreach)
        let review = d.fullGates[.review]!
        #expect(Set(review.sections) == Set(Sections.known.map(\.key)))
        #expect(review.fields == ["started", "detected", "contained", "resolved"])
        #expect(review.minTimelineEvents == 1 && review.minFindings == 1)
        #expect(d.fullGates[.approved]!.signoffByOther)
        #expect(d.everyGates[.approved]!.noConflicts) // and, since gates add up, for closed too
        #expect(d.fullGates[.closed]!.followUpsResolved)
        #expect(!d.requireSigned)
    }
}
