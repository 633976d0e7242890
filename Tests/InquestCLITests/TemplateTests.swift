import Foundation
import Testing
import TestSupport

/// Incident templates on the branch: `init` writes examples, `new --template` prefills from
/// them, and what a template makes is held to the policy like anything else.
@Suite struct TemplateTests {
    @Test func newFromTheCredentialLeakTemplate() throws {
        let fx = try Fixture()
        let files = try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines
        #expect(files.contains(".inquest/templates/credential-leak.md") && files.contains(".inquest/templates/phishing.md"))

        let r = try fx.run(["new", "AWS key in a public repo", "--template", "credential-leak", "--owner", "ada",
                            "--tag", "aws"])
        #expect(r.status == 0, "\(r.stderr)")
        let id = r.trimmed
        #expect(r.stderr.contains("2 suggested findings") && r.stderr.contains("Typical timeline events for credential-leak"))
        let show = try fx.showJSON(id)
        #expect(show["severity"] as? String == "sev2", "the template's severity")
        #expect(show["tags"] as? [String] == ["aws", "credentials"], "the user's tags, then the template's")
        let sections = show["sections"] as! [String: String]
        #expect(sections["summary"]?.hasPrefix("<!-- Which credential") == true)
        let findings = show["findings"] as! [[String: Any]]
        #expect(findings.map { $0["category"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") }
                == ["process-flaw", "technical-lapse"])
        #expect(findings.allSatisfy { ($0["evidence"] as? [String])?.isEmpty == true })
        let file = try fx.git("show", "postmortems:" + fx.incidentPath(id))
        #expect(file.contains("\ntemplate: credential-leak\n"), "the record says where it came from")

        // Guidance is not writing: review still needs every section, and evidence.
        try fx.ok("set", id, "started=2026-11-28T09:00Z", "detected=2026-11-28T09:30Z",
                  "contained=2026-11-28T10:00Z", "resolved=2026-11-28T11:00Z")
        try fx.ok("status", id, "resolved")
        let review = try fx.run(["status", id, "review"])
        #expect(review.status == 1)
        #expect(review.stderr.contains("summary: section is empty"), "\(review.stderr)")
        #expect(review.stderr.contains("evidence: has none"))
        try fx.git("fsck", "--strict")
    }

    @Test func severityGivenWinsOverTheTemplates() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Invoice lure", "--template", "phishing", "--severity", "sev1").trimmed
        #expect(try fx.showJSON(id)["severity"] as? String == "sev1")
    }

    @Test func everyTemplateInitWritesPassesTheDefaultPolicyAtOpen() throws {
        let fx = try Fixture()
        let names = try fx.git("ls-tree", "--name-only", "postmortems:.inquest/templates/").lines
            .map { String($0.dropLast(3)) }
        #expect(names.count == 2)
        for name in names {
            let id = try fx.ok("new", "From \(name)", "--template", name).trimmed
            let check = try fx.run(["check", id])
            #expect(check.status == 0, "\(name): \(check.stdout)")
        }
    }

    @Test func unknownTemplateIsRefusedNamingTheOnesThereAre() throws {
        let fx = try Fixture()
        let tip = fx.tip
        let r = try fx.run(["new", "x", "--template", "ransomware"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no template 'ransomware'") && r.stderr.contains("credential-leak, phishing"), "\(r.stderr)")
        let bad = try fx.run(["new", "x", "--template", "../policy"])
        #expect(bad.status == 2)
        #expect(fx.tip == tip, "nothing written")
    }

    /// A template the policy would refuse at `open` (here: a policy that wants evidence on
    /// every finding from the start) is refused, naming the template; nothing is written.
    @Test func aTemplateThePolicyRefusesAtOpenMakesNothing() throws {
        let fx = try Fixture()
        try fx.editBranch(message: "policy: evidence from the start") { wt in
            let path = wt + "/.inquest/policy.yml"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "every_incident:\n  gates:\n",
                                             with: "every_incident:\n  gates:\n    open:\n      finding_needs: [evidence]\n")
            #expect(text.contains("finding_needs: [evidence]"))
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let tip = fx.tip
        let r = try fx.run(["new", "x", "--template", "credential-leak"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(".inquest/templates/credential-leak.md: this template makes incidents the policy refuses at open"))
        #expect(r.stderr.contains("evidence"))
        #expect(fx.tip == tip, "nothing written")
    }

    @Test func aTemplateWithATypoIsAnErrorNamingFileAndKey() throws {
        let fx = try Fixture()
        try fx.editBranch(message: "template with a typo") { wt in
            try "---\nseverty: sev1\n---\n\n## Summary\n\nx\n".write(toFile: wt + "/.inquest/templates/typo.md",
                                                                   atomically: true, encoding: .utf8)
        }
        let tip = fx.tip
        let r = try fx.run(["new", "x", "--template", "typo"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(".inquest/templates/typo.md:2: severty: unknown template setting"), "\(r.stderr)")
        #expect(fx.tip == tip)
    }
}
