import Foundation
import Testing
import TestSupport

/// The lifecycle moves only through `status` and `approve`; times make sense; one-line
/// fields have a limit. Refusals exit 2, name the field and write nothing.
@Suite struct LifecycleAndTimesTests {
    struct Edit: Sendable, CustomStringConvertible {
        let sed: String
        let field: String
        var description: String { field }
    }

    static let edits: [Edit] = [
        Edit(sed: "s/^status: open/status: closed/", field: "status"),
        Edit(sed: "s/^created: .*/created: 2020-01-01T00:00:00Z/", field: "created"),
        Edit(sed: "s/^status: open/status: open\\napprovals:\\n  - {by: Mallory, email: m@example.com, key: \"SHA256:x\", at: 2026-11-28T10:00:00Z}/", field: "approvals"),
        Edit(sed: "s/^id: INC-.*/id: INC-ZZZZZZZZZZ/", field: "id"),
    ]

    @Test(arguments: edits) func editCannotMoveTheLifecycle(_ edit: Edit) throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Sev1 with no postmortem", "--severity", "sev1")
        let tip = fx.tip
        let r = try fx.run(["edit", id], env: ["GIT_EDITOR": "sed -i '\(edit.sed)'"])
        #expect(r.status == 2, "\(edit.field): \(r.stderr)")
        #expect(r.stderr.contains(": \(edit.field): "), "\(r.stderr)")
        #expect(fx.tip == tip)
        let json = try JSONSerialization.jsonObject(with: Data(try fx.ok("show", id, "--json").utf8)) as! [String: Any]
        #expect(json["status"] as? String == "open")
    }

    @Test func aHandCommitThatSkipsTheLifecycleIsRefusedByTheServer() throws {
        let s = try HookTests.Server()
        let id = try s.inq("new", "Minor", "--severity", "sev4")
        #expect(try s.push("origin", "postmortems").status == 0)
        let before = s.serverTip
        try s.fx.editIncident(id, in: s.clone, message: "close it") {
            $0.replacingOccurrences(of: "status: open", with: "status: closed")
        }
        let r = try s.push("origin", "postmortems")
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(id): status: moved from open to closed"), "\(r.stderr)")
        #expect(s.serverTip == before)
        // Changing when it was created, too.
        try s.fx.sandbox.git(["reset", "-q", "--hard"], in: s.clone)
        try s.fx.sandbox.git(["update-ref", "refs/heads/postmortems", before], in: s.clone)
        try s.fx.editIncident(id, in: s.clone, message: "backdate") {
            $0.replacingOccurrences(of: "created: 2026", with: "created: 2020")
        }
        let r2 = try s.push("origin", "postmortems")
        #expect(r2.status != 0)
        #expect(r2.stderr.contains("\(id): created: changed from"), "\(r2.stderr)")
        #expect(s.serverTip == before)
    }

    struct Bad: Sendable, CustomStringConvertible {
        let args: [String]
        let field: String
        var description: String { args.joined(separator: " ") }
    }

    // INC is replaced by an incident started 2026-11-27T09:00Z (the tests' clock is 2026-11-28T12:00Z).
    static let bad: [Bad] = [
        Bad(args: ["new", "x", "--started", "0000-01-01"], field: "started"),
        Bad(args: ["new", "x", "--started", "1969-12-31"], field: "started"),
        Bad(args: ["new", "x", "--started", "9999-12-31"], field: "started"),
        Bad(args: ["new", "x", "--started", "2026-11-29T12:00Z"], field: "started"),
        Bad(args: ["new", "x", "--started", "2026-11-28T10:00Z", "--detected", "2026-11-28T09:00Z"], field: "detected"),
        Bad(args: ["new", String(repeating: "t", count: 201)], field: "title"),
        Bad(args: ["new", "x", "--owner", String(repeating: "o", count: 1001)], field: "owner"),
        Bad(args: ["set", "INC", "resolved=2026-11-26T09:00Z"], field: "resolved"),
        Bad(args: ["set", "INC", "detected=2026-11-27T08:59Z"], field: "detected"),
        Bad(args: ["set", "INC", "contained=2030-01-01"], field: "contained"),
        Bad(args: ["set", "INC", "title=\(String(repeating: "t", count: 201))"], field: "title"),
        Bad(args: ["timeline", "add", "INC", "--at", "1960-01-01", "Too early"], field: "at"),
        Bad(args: ["timeline", "add", "INC", "--at", "2027-01-01", "Too late"], field: "at"),
        Bad(args: ["finding", "add", "INC", "--category", "process-flaw", String(repeating: "f", count: 201)], field: "title"),
        Bad(args: ["followup", "add", "INC", "--kind", "bug", "--owner", "bob", "--due", "2026-12-30", String(repeating: "f", count: 201)], field: "title"),
    ]

    @Test(arguments: bad) func impossibleTimesAndOverlongFieldsAreRefused(_ c: Bad) throws {
        let fx = try Fixture()
        let inc = try fx.ok("new", "Base", "--started", "2026-11-27T09:00Z")
        let tip = fx.tip
        let r = try fx.run(c.args.map { $0 == "INC" ? inc : $0 })
        #expect(r.status == 2, "\(c): \(r.stderr)")
        #expect(r.stderr.contains("\(c.field): "), "\(c): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(fx.tip == tip)
    }

    @Test func timesGivenAsDatesAreInOrderOnTheSameDayAndCheckFlagsHandCommits() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Dates", "--started", "2026-11-27T09:30Z", "--detected", "2026-11-27")
        try fx.ok("set", id, "contained=2026-11-27T10:00Z", "resolved=2026-11-27T11:00Z")
        #expect(try fx.run(["check", id]).status == 0)
        try fx.editIncident(id) {
            $0.replacingOccurrences(of: "resolved: 2026-11-27T11:00:00Z", with: "resolved: 2026-11-20T11:00:00Z")
              .replacingOccurrences(of: "title: Dates", with: "title: \(String(repeating: "d", count: 300))")
        }
        let check = try fx.run(["check", id])
        #expect(check.status == 1)
        #expect(check.stdout.contains("\(id): resolved: 2026-11-20T11:00:00Z is before contained"))
        #expect(check.stdout.contains("\(id): title: is 300 characters long; the limit is 200"))
        // Problems already there do not block other edits.
        #expect(try fx.run(["set", id, "owner=ada"]).status == 0)

        // A timeline event dated before 1970 and an overlong finding title, committed by hand.
        let ev = try fx.ok("timeline", "add", id, "--at", "2026-11-27T09:45Z", "Alert")
        let f = try fx.ok("finding", "add", id, "--category", "process-flaw", "Short")
        try fx.editBranch(message: "by hand") { wt in
            let files = try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines
            for (rid, from, to) in [(ev, "at: 2026-11-27T09:45:00Z", "at: 1969-07-20T20:17:00Z"),
                                    (f, "title: Short", "title: \(String(repeating: "s", count: 250))")] {
                let rel = files.first { $0.contains(rid) }!
                let text = try String(contentsOfFile: wt + "/" + rel, encoding: .utf8)
                try text.replacingOccurrences(of: from, with: to).write(toFile: wt + "/" + rel, atomically: true, encoding: .utf8)
            }
        }
        let again = try fx.run(["check", id])
        #expect(again.stdout.contains("\(id) \(ev): at: 1969-07-20T20:17:00Z is before 1970"), "\(again.stdout)")
        #expect(again.stdout.contains("\(id) \(f): title: is 250 characters long"))
    }
}
