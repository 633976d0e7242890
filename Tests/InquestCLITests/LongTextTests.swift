import Foundation
import Testing
import TestSupport

/// Long narrative written like text: from a file, from standard input, or in the editor one
/// section at a time; Markdown lists (values starting with "-") are the normal case.
@Suite struct LongTextTests {
    let list = "- rotated the key\n- audited the pushes\n\n1. then told customers"

    @Test func setReadsSectionsFromFilesAndStandardInput() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Leak").trimmed
        try (list + "\n").write(toFile: fx.repo + "/response.md", atomically: true, encoding: .utf8)
        try fx.ok("set", id, "response=@response.md", "owner=@ada")
        let r = try fx.sandbox.inquest(["set", id, "impact=@-"], in: fx.repo, stdin: "Customers saw 500s\n- for 3 hours\n")
        #expect(r.status == 0, "\(r.stderr)")
        try fx.ok("set", id, "actors=@@handle on a forum")
        let show = try fx.showJSON(id)
        let sections = show["sections"] as! [String: String]
        #expect(sections["response"] == list, "byte for byte, less the file's final newline")
        #expect(sections["impact"] == "Customers saw 500s\n- for 3 hours")
        #expect(sections["actors"] == "@handle on a forum", "@@ is a literal @")
        #expect(show["owner"] as? String == "@ada", "@ is literal in one-line fields")
    }

    @Test func aMissingFileIsRefusedWithNothingWritten() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Leak").trimmed
        let tip = fx.tip
        let r = try fx.run(["set", id, "summary=@nope.md"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("summary: cannot read nope.md"), "\(r.stderr)")
        let twice = try fx.sandbox.inquest(["set", id, "summary=@-", "impact=@-"], in: fx.repo, stdin: "x")
        #expect(twice.status == 2 && twice.stderr.contains("only once"))
        #expect(fx.tip == tip)
    }

    @Test func editOneSectionInTheEditor() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Leak").trimmed
        try fx.ok("set", id, "summary=Keep me", "impact=Old impact")
        // The editor sees only the section's text, and what it saves becomes the section.
        let editor = fx.tmp.path + "/editor.sh"
        try """
            #!/bin/sh
            cp "$1" \(fx.tmp.path)/seen.txt
            printf '%s\\n' '- first' '- second' > "$1"
            """.write(toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let r = try fx.run(["edit", id, "--section", "impact"], env: ["GIT_EDITOR": editor])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: fx.tmp.path + "/seen.txt", encoding: .utf8) == "Old impact\n")
        let sections = try fx.showJSON(id)["sections"] as! [String: String]
        #expect(sections["impact"] == "- first\n- second")
        #expect(sections["summary"] == "Keep me")
        #expect(try fx.git("log", "-1", "--format=%s", "postmortems").trimmed == "\(id): edit impact")

        let f = try fx.ok("finding", "add", id, "--category", "manual-error", "Typo").trimmed
        #expect(try fx.run(["edit", f, "--section", "narrative"], env: ["GIT_EDITOR": editor]).status == 0)
        let finding = (try fx.showJSON(id)["findings"] as! [[String: Any]]).first!
        #expect(finding["narrative"] as? String == "- first\n- second")
        let wrong = try fx.run(["edit", f, "--section", "impact"], env: ["GIT_EDITOR": editor])
        #expect(wrong.status == 2 && wrong.stderr.contains("narrative"))
    }
}
