import Foundation
import Testing
import TestSupport

/// `diff`, `merge` and `log --range/--full` on one repository.
@Suite struct DiffMergeLogTests {
    static let longLine = String(repeating: "environment variable ", count: 8) + "end"

    @Test func logFullShowsEveryValueWholeAndSectionsAsLineDiffs() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Leak", "--severity", "sev4")
        try fx.ok("set", id, "summary=first line\n\(Self.longLine)")
        let base = fx.tip
        try fx.ok("set", id, "summary=first line\n\(Self.longLine) changed\nthird line")
        let fu = try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "bo", "--due", "2026-12-01", "Fix")
        try fx.ok("followup", "review", fu, "--note", "Looked at it with the on-call")

        let short = try fx.ok("log", id)
        #expect(short.contains("…"))
        #expect(!short.contains("\(Self.longLine) changed"))
        let full = try fx.ok("log", id, "--full")
        #expect(full.contains("      summary:\n          first line\n        - \(Self.longLine)\n        + \(Self.longLine) changed\n        + third line"))
        #expect(full.contains("review note: 2026-11-28T12:00:00Z Alice Example <alice@example.com>: Looked at it with the on-call"))
        // A range limits the commits; two and three dots agree on a straight history.
        let ranged = try fx.ok("log", "--range", "\(base)..postmortems", "--json")
        let entries = try JSONSerialization.jsonObject(with: Data(ranged.utf8)) as! [[String: Any]]
        #expect(entries.count == 3)
        #expect(try fx.ok("log", "--range", "\(base)...postmortems", "--json") == ranged)
        let notes = entries.flatMap { ($0["changes"] as! [[String: Any]]).flatMap { $0["fields"] as! [[String: Any]] } }
            .flatMap { $0["review_notes"] as! [String] }
        #expect(notes == ["2026-11-28T12:00:00Z Alice Example <alice@example.com>: Looked at it with the on-call"])
        // `diff --json` gives the review's change in the very shape `log --json` gives it.
        let lastLog = try JSONSerialization.jsonObject(with: Data(try fx.ok("log", "--range", "postmortems~1..postmortems", "--json").utf8)) as! [[String: Any]]
        let logged = lastLog.flatMap { $0["changes"] as! [[String: Any]] }
        func records(_ any: Any) -> [[String: Any]] {
            if let o = any as? [String: Any] {
                return (o["records"] as? [[String: Any]] ?? []) + o.filter { $0.key != "records" }.values.flatMap(records)
            }
            return (any as? [Any])?.flatMap(records) ?? []
        }
        let diffed = records(try JSONSerialization.jsonObject(with: Data(try fx.ok("diff", "postmortems~1..postmortems", "--json").utf8)))
        #expect(logged.count == 1 && diffed.count == 1)
        #expect(NSArray(array: logged) == NSArray(array: diffed), "log: \(logged)\ndiff: \(diffed)")
        let bad = try fx.run(["log", "--range", "\(base)..no-such-branch"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'no-such-branch' is not a commit, branch or tag"))
        // `show` and `report` carry the review notes too.
        #expect(try fx.ok("show", id).contains("reviewed 2026-11-28T12:00:00Z by Alice Example <alice@example.com>: Looked at it with the on-call"))
        #expect(try fx.ok("report", id).contains("(\(fu))\n  - 2026-11-28, Alice Example \\<alice@example.com\\>: Looked at it with the on-call"))
    }

    @Test func diffOfOneRevisionAndOfSomeIDs() throws {
        let fx = try Fixture()
        let a = try fx.ok("new", "First", "--severity", "sev4")
        let b = try fx.ok("new", "Second", "--severity", "sev4")
        let base = fx.tip
        try fx.ok("set", a, "owner=ann")
        try fx.ok("set", b, "owner=bo")
        // No range: the branch's last commit, as `git show`.
        let last = try fx.ok("diff")
        #expect(last.contains(b) && !last.contains(a))
        #expect(last.contains("owner: (none) -> bo"))
        // A range limited to some IDs (a prefix works).
        let only = try fx.ok("diff", "\(base)..postmortems", String(a.prefix(8)))
        #expect(only.contains("owner: (none) -> ann") && !only.contains(b))
        let json = try JSONSerialization.jsonObject(with: Data(try fx.ok("diff", "\(base)...postmortems", "--json").utf8)) as! [String: Any]
        #expect((json["incidents"] as! [[String: Any]]).map { $0["id"] as! String } == [a, b].sorted())
        #expect((json["commits"] as! [Any]).count == 2)
        #expect(json["before"] as? String == base)
        // An empty range says so.
        #expect(try fx.ok("diff", "postmortems..postmortems").contains("0 incidents changed, 0 commits"))
        // Deleting an incident by hand: diff names it, check on the range refuses it.
        let beforeDelete = fx.tip
        let dir = (try fx.incidentPath(b) as NSString).deletingLastPathComponent
        try fx.editBranch(message: "delete \(b)") { wt in try FileManager.default.removeItem(atPath: wt + "/" + dir) }
        let deleted = try fx.ok("diff", "\(beforeDelete)...postmortems")
        #expect(deleted.contains("\(b) is deleted: incidents are never deleted"))
        #expect(deleted.contains("deleted incident \(b)"))
        let refused = try fx.run(["check", "--range", "\(beforeDelete)...postmortems"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("the incident was deleted"))
    }

    /// Whatever a hostile commit puts in a record stays text: in the Markdown for a forge
    /// (no HTML, no links or images, no escaping the folds) and on a terminal (no escapes).
    @Test func hostileRecordsStayTextInMarkdownAndOnTheTerminal() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Plain", "--severity", "sev4")
        let base = fx.tip
        // Under 100 characters, so it is a table cell rather than folded text.
        let title = "x</details><img src=x> | [c](https://e.x) ![p](https://e.x/p.png) <b>**b**</b> _i_ `c`"
        try fx.editIncident(id, message: "hostile") { text in
            text.replacingOccurrences(of: "title: Plain", with: "title: '\(title)'")
                + "\n## Summary\n\n```\n</details>\n<img src=y>\n\u{1b}[31mred\u{1b}[0m\n````\n"
        }
        let md = try fx.ok("diff", "--format", "markdown", "\(base)...postmortems")
        let doc = try CommonMarkDocument(markdown: md, sandbox: fx.sandbox)
        #expect(doc.nodes("image").isEmpty)
        #expect(doc.nodes("link").isEmpty)
        let cells = doc.nodes("table_cell")
        #expect(cells.allSatisfy { $0.all("strong").isEmpty && $0.all("emph").isEmpty && $0.all("code").isEmpty })
        #expect(doc.nodes("html_inline").allSatisfy { $0.text == "<br>" })
        #expect(doc.nodes("html_block").allSatisfy { $0.text.hasPrefix("<details><summary>") || $0.text == "</details>\n" })
        #expect(doc.nodes("html_block").filter { $0.text == "</details>\n" }.count == doc.nodes("html_block").count / 2)
        // The title arrives whole, as text, in the table.
        #expect(doc.tables.contains { $0.contains { $0.contains("title") && $0.last == title } })
        // The section's fences and tags stay inside one code block.
        let code = doc.nodes("code_block").map(\.text)
        #expect(code.contains { $0.contains("+ </details>") && $0.contains("+ ````") && $0.contains("+ <img src=y>") })

        let text = try fx.ok("diff", "\(base)...postmortems")
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("\\u{1b}[31mred\\u{1b}[0m"))
        #expect(!(try fx.ok("log", "--full")).contains("\u{1b}"))
    }

    @Test func mergeFastForwardsRefusesWhatIsNotPostmortemsAndDryRunsWriteNothing() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Base", "--severity", "sev4")
        try fx.git("branch", "--no-track", "review/ff", "postmortems")
        try fx.ok("--branch", "review/ff", "set", id, "owner=ann")
        let ff = try fx.git("rev-parse", "review/ff").trimmed
        // A dry run of a fast-forward shows its diff and moves nothing.
        let before = fx.tip
        let dry = try fx.run(["merge", "--dry-run", "review/ff"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("owner: (none) -> ann"))
        #expect(dry.stderr.contains("would fast-forward"))
        #expect(fx.tip == before)
        let merged = try fx.run(["merge", "review/ff"])
        #expect(merged.status == 0)
        #expect(merged.stderr.contains("Fast-forwarded 'postmortems' to review/ff."))
        #expect(fx.tip == ff)
        let again = try fx.run(["merge", "review/ff"])
        #expect(again.stderr.contains("Already up to date with review/ff."))
        // A code branch is not postmortems: refused, nothing moves.
        let code = try fx.run(["merge", "main"])
        #expect(code.status == 2)
        #expect(code.stderr.contains("'main' is not a branch of postmortems"))
        #expect(fx.tip == ff)
        let missing = try fx.run(["merge", "nope"])
        #expect(missing.status == 2)

        // A real merge: the record-aware merge, a merge commit with both parents, packed.
        try fx.git("branch", "--no-track", "review/m", "postmortems")
        try fx.ok("--branch", "review/m", "set", id, "severity=sev3")
        try fx.ok("set", id, "owner=bo")
        let ours = fx.tip, theirs = try fx.git("rev-parse", "review/m").trimmed
        let preview = try JSONSerialization.jsonObject(with: Data(try fx.ok("merge", "--dry-run", "--format", "json", "review/m").utf8)) as! [String: Any]
        #expect(preview["after"] is NSNull)
        #expect(fx.tip == ours)
        let fields = ((preview["incidents"] as! [[String: Any]])[0]["records"] as! [[String: Any]])[0]["fields"] as! [[String: Any]]
        #expect(fields.contains { $0["field"] as? String == "severity" && $0["from"] as? String == "sev4" && $0["to"] as? String == "sev3" })
        let r = try fx.run(["merge", "review/m"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Merged review/m: 1 record changed here."))
        #expect(try fx.git("rev-list", "--parents", "-n", "1", "postmortems").trimmed == "\(fx.tip) \(ours) \(theirs)")
        #expect(try fx.git("log", "-1", "--format=%s", "postmortems").trimmed == "merge review/m")
        let shown = try fx.ok("show", id, "--json")
        #expect(shown.contains("\"severity\" : \"sev3\"") || shown.contains("\"severity\": \"sev3\""))
        #expect(shown.contains("\"owner\": \"bo\"") || shown.contains("\"owner\" : \"bo\""))
        try fx.git("fsck", "--strict")
    }
}
