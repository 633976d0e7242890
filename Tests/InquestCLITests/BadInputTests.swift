import Foundation
import Testing
import TestSupport

/// Every bad input: a one-line error naming the record and field, exit 2, no new commit.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let args: [String]
        let expect: String
        var description: String { args.joined(separator: " ") }
    }

    // INC, F and FU stand for the fixture's records and are substituted at run time.
    static let cases: [Case] = [
        Case(args: ["show", "INC-ZZZZZZZZ"], expect: "no incident INC-ZZZZZZZZ"),
        Case(args: ["show", "INC-ZZ"], expect: "too short"),
        Case(args: ["show", "../x"], expect: "'../x' is not a valid ID"),
        Case(args: ["show", "a/b"], expect: "'a/b' is not a valid ID"),
        Case(args: ["set", "INC", "nosuch=1"], expect: ": nosuch: no such field or section"),
        Case(args: ["set", "INC", "severity=sev9"], expect: ": severity: 'sev9' is not one of sev1, sev2, sev3, sev4"),
        Case(args: ["set", "INC", "started=yesterday-ish"], expect: ": started: 'yesterday-ish' is not a time"),
        Case(args: ["set", "INC", "title="], expect: ": title: cannot be empty"),
        Case(args: ["set", "INC", "title=two\nlines"], expect: ": title: must be a single line"),
        Case(args: ["set", "INC", "title=bell\u{7}"], expect: ": title: contains a control character (U+0007)"),
        Case(args: ["set", "INC", "status=closed"], expect: ": status: changes through the lifecycle"),
        Case(args: ["set", "INC", "noequals"], expect: "'noequals' is not FIELD=VALUE"),
        Case(args: ["set", "F", "category=oops"], expect: ": category: 'oops' is not one of technical-lapse"),
        Case(args: ["set", "FU", "status=not-doing"], expect: ": not_doing: a follow-up that will not be done needs a reason"),
        Case(args: ["set", "FU", "due=2026-02-30"], expect: ": due: '2026-02-30' is not a date"),
        Case(args: ["set", "FU", "findings=F-ZZZZZZZZZZ"], expect: "F-ZZZZZZZZZZ is not a record of this incident"),
        Case(args: ["new", " "], expect: "title: cannot be empty"),
        Case(args: ["new", "line\nbreak"], expect: "title: must be a single line"),
        Case(args: ["new", "x", "--severity", "sev9"], expect: "severity: 'sev9' is not one of"),
        Case(args: ["new", "x", "--started", "2026-13-01"], expect: "started: '2026-13-01' is not a time"),
        Case(args: ["finding", "add", "INC", "--category", "oops", "t"], expect: "category: 'oops' is not one of"),
        Case(args: ["finding", "add", "INC", "--category", "manual-error", "--evidence", "x sha256:abc", "t"],
             expect: "evidence: 'sha256:abc' is not a sha256 digest"),
        Case(args: ["timeline", "add", "INC", "--at", "noon", "x"], expect: "at: 'noon' is not a time"),
        Case(args: ["timeline", "add", "INC", "--kind", "party", "x"], expect: "kind: 'party' is not one of"),
        Case(args: ["followup", "add", "INC", "--kind", "bug", "--owner", "o", "--due", "soon", "t"],
             expect: "due: 'soon' is not a date"),
        Case(args: ["followup", "add", "INC", "--kind", "bug", "--owner", "o", "--due", "2026-12-01", "--finding", "F-ZZZZ", "t"],
             expect: "no finding F-ZZZZ"),
        Case(args: ["status", "INC", "closed"], expect: ": status: cannot go from open to closed"),
        Case(args: ["status", "INC", "done"], expect: "status: 'done' is not one of open, resolved"),
        Case(args: ["list", "--severity", "worst"], expect: "severity: 'worst' is not one of"),
        Case(args: ["frobnicate"], expect: "error:"),
        Case(args: ["new"], expect: "error:"),
    ]

    @Test(arguments: cases)
    func refusedWithoutACommit(_ c: Case) throws {
        let fx = try Fixture()
        let inc = try fx.ok("new", "Target", "--severity", "sev2")
        let f = try fx.ok("finding", "add", inc, "--category", "manual-error", "A finding")
        let fu = try fx.ok("followup", "add", inc, "--kind", "bug", "--owner", "bob", "--due", "2026-12-01", "A follow-up")
        let args = c.args.map { $0 == "INC" ? inc : $0 == "F" ? f : $0 == "FU" ? fu : $0 }
        let before = fx.tip
        let r = try fx.run(args)
        #expect(r.status == 2)
        #expect(r.stderr.contains(c.expect), "stderr was: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(fx.tip == before)
        if c.expect.hasPrefix(": ") {
            // The message names the record.
            let record = args[1].hasPrefix("INC") ? inc : args[1].hasPrefix("F-") ? f : fu
            #expect(r.stderr.contains(record + c.expect), "stderr was: \(r.stderr)")
        }
    }

    @Test func ambiguousPrefixListsTheCandidates() throws {
        let fx = try Fixture()
        // Random IDs rarely share a prefix, so write a twin sharing the first four by hand.
        let a = try fx.ok("new", "One")
        let rel = try fx.incidentPath(a)
        // The twin differs from `a` at the ninth character, so a nine-character prefix is unique.
        let ninth = a[a.index(a.startIndex, offsetBy: 8)]
        let twinID = String(a.prefix(8)) + (ninth == "Z" ? "YYYYYY" : "ZZZZZZ")
        try fx.editBranch(message: "twin") { wt in
            let twinFile = wt + "/" + rel.replacingOccurrences(of: a, with: twinID)
            try FileManager.default.createDirectory(atPath: (twinFile as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try String(contentsOfFile: wt + "/" + rel, encoding: .utf8)
                .replacingOccurrences(of: a, with: twinID).replacingOccurrences(of: "title: One", with: "title: Two")
                .write(to: twinFile)
        }
        let r = try fx.run(["show", String(a.prefix(8))])
        #expect(r.status == 2)
        let sorted = [a, twinID].sorted()
        #expect(r.stderr.contains("is ambiguous: it could be \(sorted[0]), \(sorted[1])"))
        #expect(try fx.ok("show", String(a.prefix(9)), "--json").contains("\"title\""))
    }
}
