import Foundation
import Testing
import TestSupport

@Suite struct JSONContractTests {
    @Test func showFollowsTheDesign() throws {
        let fx = try Fixture()
        let id = try fx.writeFullPostmortem()
        let text = try fx.ok("show", id, "--json")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let required = ["id", "title", "severity", "status", "customer_impact", "data_breach", "owner", "started",
                        "detected", "contained", "resolved", "tags", "sections", "timeline", "findings", "followups",
                        "conflicts"]
        for key in required { #expect(json.keys.contains(key), "missing \(key)") }
        #expect(json["id"] as? String == id)
        #expect(json["severity"] as? String == "sev1")
        #expect(json["status"] as? String == "review")
        #expect(json["customer_impact"] as? Bool == true)
        #expect(json["data_breach"] as? Bool == false)
        #expect(json["started"] as? String == "2026-11-27T09:00:00Z")
        let sections = json["sections"] as! [String: String]
        #expect(Set(sections.keys) == ["summary", "impact", "technical_summary", "actors", "response", "takeaways"])
        let timeline = json["timeline"] as! [[String: Any]]
        #expect(timeline.map { $0["at"] as! String } == ["2026-11-27T09:40:00Z", "2026-11-27T10:10:00Z", "2026-11-27T11:00:00Z"])
        for e in timeline { for k in ["id", "at", "kind", "text"] { #expect(e[k] != nil) } }
        let findings = json["findings"] as! [[String: Any]]
        #expect(findings.count == 2)
        for f in findings {
            for k in ["id", "category", "title", "evidence", "followups", "not_doing"] { #expect(f.keys.contains(k)) }
            #expect((f["followups"] as! [String]).count == 1)
        }
        let followups = json["followups"] as! [[String: Any]]
        for fu in followups {
            for k in ["id", "kind", "title", "owner", "priority", "due", "status", "findings"] { #expect(fu[k] != nil) }
        }
        let durations = json["durations"] as! [String: Any]
        #expect(durations["time_to_detect"] as? Int == 40 * 60)
        #expect(durations["time_to_resolve"] as? Int == 4 * 3600)
        // Keys are sorted, so output is stable for scripts and diffs.
        let keysInOrder = text.lines.filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keysInOrder == keysInOrder.sorted())
    }

    @Test func listAndFollowUpsFilter() throws {
        let fx = try Fixture()
        let a = try fx.ok("new", "A", "--severity", "sev1", "--owner", "alice")
        let b = try fx.ok("new", "B", "--severity", "sev3", "--owner", "bob")
        try fx.ok("status", b, "resolved")
        let all = try JSONSerialization.jsonObject(with: Data(fx.ok("list", "--json").utf8)) as! [[String: Any]]
        #expect(Set(all.map { $0["id"] as! String }) == [a, b])
        for row in all {
            for k in ["id", "title", "severity", "status", "owner", "started", "customer_impact", "data_breach", "tags"] {
                #expect(row.keys.contains(k))
            }
        }
        let open = try JSONSerialization.jsonObject(with: Data(fx.ok("list", "--status", "open", "--json").utf8)) as! [[String: Any]]
        #expect(open.map { $0["id"] as! String } == [a])
        #expect(try fx.ok("list", "--severity", "sev3").contains(b))
        #expect(!(try fx.ok("list", "--owner", "alice").contains(b)))

        // INQUEST_NOW pins today at 2026-11-28.
        let late = try fx.ok("followup", "add", a, "--kind", "bug", "--owner", "bob", "--due", "2026-11-01", "Late")
        let soon = try fx.ok("followup", "add", a, "--kind", "process", "--owner", "carol", "--due", "2026-12-30", "Soon")
        let done = try fx.ok("followup", "add", a, "--kind", "bug", "--owner", "bob", "--due", "2026-10-01", "Done")
        try fx.fixOnMain(done)
        try fx.ok("followup", "set", done, "status=done")
        func ids(_ args: String...) throws -> [String] {
            let out = try fx.ok(["followups", "--json"] + args)
            return (try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [[String: Any]]).map { $0["id"] as! String }
        }
        #expect(try ids() == [done, late, soon])
        #expect(try ids("--open") == [late, soon])
        #expect(try ids("--overdue") == [late])
        #expect(try ids("--owner", "carol") == [soon])
        try fx.ok("followup", "review", late, "--note", "Blocked on vendor")
        let shown = try fx.ok("show", a, "--json")
        #expect(shown.contains("\"reviewer\": \"Alice Example <alice@example.com>\""))
        #expect(shown.contains("\"note\": \"Blocked on vendor\""))
        #expect(try fx.ok("followups", "--overdue").contains("(overdue)"))
    }

    @Test func lifecycleMovesOneStepAndReopens() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Cycle", "--severity", "sev4")
        for s in ["resolved", "review", "approved", "closed"] { try fx.ok("status", id, s) }
        try fx.ok("status", id, "open")
        let json = try fx.ok("show", id, "--json")
        #expect(json.contains("\"status\": \"open\""))
        #expect(json.contains("\"resolved\": \"2026-11-28T12:00:00Z\"")) // filled in when resolved
        let before = fx.tip
        try fx.ok("status", id, "open") // no-op: already open, no commit
        #expect(fx.tip == before)
    }
}
