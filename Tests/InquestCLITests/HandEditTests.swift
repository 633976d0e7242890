import Foundation
import Testing
import TestSupport

@Suite struct HandEditTests {
    /// Someone edits a record with plain git in a worktree of the branch: Inquest keeps
    /// what it does not know when it rewrites the file.
    @Test func unknownKeysAndSectionsSurviveInquestSet() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Disk full", "--severity", "sev3")
        let rel = try fx.editIncident(id) { text in
            text.replacingOccurrences(of: "tags: []\n", with: "tags: []\nteam_channel: \"#inc-disk\"\nrunbook_version: 7\n")
                + "\n## Vendor notes\n\nThe vendor confirmed the bug.\n"
        }

        try fx.ok("set", id, "severity=sev2", "summary=Disk filled up.")
        let md = try fx.git("show", "postmortems:\(rel)")
        #expect(md.contains("severity: sev2\n"))
        #expect(md.contains("team_channel: \"#inc-disk\"\n"))
        #expect(md.contains("runbook_version: 7\n"))
        #expect(md.contains("## Vendor notes\n\nThe vendor confirmed the bug.\n"))
        #expect(md.contains("## Summary\n\nDisk filled up.\n"))
        // A custom key a team added by hand can be set like a field.
        try fx.ok("set", id, "team_channel=#inc-disk-2")
        #expect(try fx.git("show", "postmortems:\(rel)").contains("team_channel: \"#inc-disk-2\"\n"))
        try fx.git("fsck", "--strict", "--no-dangling")
    }

    @Test func brokenHandEditIsReportedWithFileAndLine() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Broken later")
        let rel = try fx.editIncident(id) { $0.replacingOccurrences(of: "severity: sev3", with: "severity: [sev1, sev2]") }
        let before = fx.tip
        let r = try fx.run(["set", id, "owner=dave"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(rel):4: \(id): severity: expected a single value, found a list"))
        #expect(fx.tip == before)
        let shown = try fx.run(["show", id])
        #expect(shown.status == 2 && shown.stderr.contains("\(rel):4:"))
    }

    /// Files broken by hand in every way a file can be: each named with file and line, exit 2.
    @Test(arguments: [
        ("no front matter", "just text\n", ":1: no front matter"),
        ("bad YAML", "---\nid: X\ntitle: [unclosed\n---\n", "front matter is not valid YAML"),
        ("not UTF-8", "---\nid: X\ntitle: caf\u{FFFD}\n---\n", ":3: not valid UTF-8"),
    ])
    func handBrokenFilesAreNamed(label: String, content: String, expected: String) throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "To be broken")
        let rel = try fx.incidentPath(id)
        try fx.editBranch(message: "break it: \(label)") { wt in
            var data = Data(content.utf8)
            if label == "not UTF-8" { // a lone continuation byte where the replacement character stands
                data = Data(content.replacingOccurrences(of: "\u{FFFD}", with: "").utf8)
                data.insert(0x80, at: data.count - 5)
            }
            try data.write(to: URL(fileURLWithPath: wt + "/" + rel))
        }
        let before = fx.tip
        for args in [["show", id], ["set", id, "owner=x"], ["list"]] {
            let r = try fx.run(args)
            // `list` skips the record with a warning naming it and goes on; the others fail.
            #expect(r.status == (args == ["list"] ? 0 : 2), "\(args)")
            #expect(r.stderr.contains(rel), "\(args): \(r.stderr)")
            #expect(r.stderr.contains(expected), "\(args): \(r.stderr)")
        }
        #expect(fx.tip == before)
        let check = try fx.run(["check"])
        #expect(check.status == 1 && check.stdout.contains(rel))
    }

    @Test func editorRoundTripAndRefusedEditKeepsText() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Edit me")
        let script = fx.tmp.path + "/ed.sh"
        try "#!/bin/sh\nsed -i 's/^title: Edit me$/title: Edited by hand/; s/^## Impact$/## Impact\\n\\nSlow pages./' \"$1\"\n"
            .write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let r = try fx.run(["edit", id], env: ["GIT_EDITOR": script])
        #expect(r.status == 0, "\(r.stderr)")
        let shown = try fx.ok("show", id, "--json")
        #expect(shown.contains("\"title\": \"Edited by hand\""))
        #expect(shown.contains("\"impact\": \"Slow pages.\""))

        // An edit that breaks the record is refused; the text is kept for the user.
        let bad = fx.tmp.path + "/bad.sh"
        try "#!/bin/sh\nsed -i 's/^severity: sev3$/severity: sev9/' \"$1\"\n".write(to: bad)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bad)
        let before = fx.tip
        let refused = try fx.run(["edit", id], env: ["GIT_EDITOR": bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("severity: 'sev9' is not one of sev1, sev2, sev3, sev4"))
        let kept = refused.stderr.lines.first { $0.hasPrefix("hint: your edit is saved in ") }
        let keptPath = String(kept?.dropFirst("hint: your edit is saved in ".count) ?? "")
        #expect(try String(contentsOfFile: keptPath, encoding: .utf8).contains("severity: sev9"))
        #expect(fx.tip == before)
    }
}
