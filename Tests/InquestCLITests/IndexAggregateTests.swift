import Foundation
import Testing
import TestSupport

/// `followups` (its table and its summary line) and `stats` are counted in SQL from the
/// index's narrow columns; `list` reads times stored as numbers. Each must print exactly
/// what `--no-index` prints (stdout, stderr, exit) on the data where the rules have edges:
/// an empty branch, times known only to the day and times stated `unknown`, an incident
/// recorded with a day-only `created`, follow-ups open and resolved with and without due
/// dates, without `created` or `resolved_at` (older records), reviewed or not, owners that
/// differ only in case (also outside ASCII), recorded conflicts, and several "today"s (so
/// "overdue", "stale" and "done this month" move across their boundaries).
@Suite struct IndexAggregateTests {
    static let todays = ["2026-11-28T12:00:00Z", "2026-12-01T00:00:00Z", "2026-11-30T23:59:59Z", "2027-03-15T09:00:00Z"]

    static let commands: [[String]] = [
        ["followups"], ["followups", "--open"], ["followups", "--overdue"], ["followups", "--owner", "émile"],
        ["followups", "--owner", "ANN"], ["followups", "--owner", "nobody"], ["followups", "--stale", "0"],
        ["followups", "--stale", "3", "--open"], ["followups", "--stale", "9223372036854775807"],
        ["followups", "--due-before", "2026-11-25"], ["followups", "--by-owner"], ["followups", "--open", "--by-owner"],
        ["followups", "--json", "--open"], ["followups", "--json", "--by-owner"], ["followups", "--overdue", "--owner", "Ann"],
        ["stats"], ["stats", "--json"], ["stats", "--since", "2026-10-01"], ["stats", "--since", "2030-01-01"],
        ["stats", "--stale-after", "0"], ["stats", "--json", "--since", "2026-11-01", "--stale-after", "5"],
        ["list"], ["list", "--json"], ["list", "--limit", "2"], ["list", "--open", "--since", "2026-10-02"],
    ]

    @Test func followupsStatsAndListEqualDirectReads() throws {
        let c = try Cluster(clones: 2)
        try compareAll(c, "empty branch")

        // Times: day-only, exact, unknown, missing.
        let a = try c.ok(0, "new", "Day-only times", "--severity", "sev1", "--started", "2026-10-01", "--detected", "2026-10-03",
                         "--owner", "Ann")
        try c.ok(0, "set", a, "contained=unknown", "resolved=2026-10-05T10:00Z")
        let b = try c.ok(0, "new", "Exact times", "--severity", "sev2", "--started", "2026-09-10 08:00",
                         "--detected", "2026-09-10T09:30Z", "--customer-impact")
        try c.ok(0, "set", b, "contained=2026-09-11", "resolved=unknown")
        let d = try c.ok(0, "new", "No start", "--severity", "sev3", "--data-breach", "--tag", "x")
        let e = try c.ok(0, "new", "Late in the day", "--severity", "sev4", "--started", "2026-11-20T23:59Z",
                         "--detected", "2026-11-21T00:01Z", "--owner", "émile")
        try c.ok(0, "set", e, "contained=2026-11-22", "resolved=2026-11-27T08:00Z")
        let f = try c.ok(0, "new", "Last year", "--severity", "sev1", "--started", "2025-12-31", "--detected", "unknown")

        // Findings with and without a category.
        try c.ok(0, "finding", "add", a, "--category", "technical-lapse", "--evidence", "https://logs.example/1", "Lapse")
        try c.ok(0, "finding", "add", b, "--category", "process-flaw", "--evidence", "https://logs.example/2", "Flaw")
        try c.ok(0, "finding", "add", f, "--category", "technical-lapse", "--evidence", "https://logs.example/3", "Old lapse")

        // Follow-ups: every status, due in the past, today, the future; owners in two cases.
        func followUp(_ inc: String, _ owner: String, _ due: String, _ kind: String = "process", title: String) throws -> String {
            try c.ok(0, "followup", "add", inc, "--kind", kind, "--owner", owner, "--due", due, title)
        }
        let f1 = try followUp(a, "Ann", "2026-11-01", title: "Overdue one")
        let f2 = try followUp(a, "ann", "2026-11-28", title: "Due today")
        let f3 = try followUp(b, "Émile", "2026-12-20", title: "Due later")
        let f4 = try followUp(d, "émile", "2026-11-10", title: "Done late")
        let f5 = try followUp(e, "cy", "2026-11-15", title: "Not doing")
        let f6 = try followUp(f, "Ann", "2026-10-01", title: "Loses its due date")
        let f7 = try followUp(f, "ANN", "2026-11-02", title: "Loses its created")
        let f8 = try followUp(b, "dee", "2026-11-29", title: "Done, resolved_at lost")
        let f9 = try followUp(d, "Émile", "2027-01-10", title: "Blocked")
        try c.ok(0, "followup", "set", f2, "status=in-progress")
        try c.ok(0, "followup", "set", f4, "status=done")
        try c.ok(0, "followup", "set", f5, "status=not-doing", "not_doing=Out of scope")
        try c.ok(0, "followup", "set", f8, "status=done")
        try c.ok(0, "followup", "set", f9, "status=blocked")
        try c.ok(0, "followup", "review", f3, "--note", "Looked at it")
        try c.ok(0, "followup", "review", f1)
        try compareAll(c, "written through the CLI")

        // Older records, by hand: no due date, no created, no resolved_at; an incident whose
        // created is a day.
        try handEdit(c) { wt in
            let files = try c.sandbox.git(["ls-files"], in: wt).lines
            func edit(_ id: String, _ change: (String) -> String) throws {
                let path = wt + "/" + files.first { $0.contains(id) }!
                try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
            }
            func dropLine(_ key: String) -> (String) -> String {
                { $0.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(key + ":") }
                    .joined(separator: "\n") }
            }
            try edit(f6, dropLine("due"))
            try edit(f7, dropLine("created"))
            try edit(f8, dropLine("resolved_at"))
            try edit(d + "/incident.md") { text in
                text.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.hasPrefix("created:") ? "created: 2026-11-02" : String($0)
                }.joined(separator: "\n")
            }
        }
        try compareAll(c, "after a hand commit")

        // Recorded conflicts: the same fields changed on both clones, then both sync.
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "set", a, "owner=zed")
        try c.ok(1, "set", a, "owner=yan")
        try c.ok(0, "followup", "set", f3, "owner=Zed")
        try c.ok(1, "followup", "set", f3, "owner=yan")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "sync")
        #expect(try c.ok(0, "--no-index", "conflicts").contains(a), "the test needs a recorded conflict")
        try compareAll(c, "with conflicts")
    }

    /// `list` from the index comes out of SQLite in an index's order (`RecordIndex.listing`);
    /// it must be the direct reader's order exactly where keys tie: incidents that started in
    /// the same second (then by ID, greatest first), and one incident copied by hand into
    /// folders that sort before and after its own (same time and ID: folder order), the
    /// copies added by a later commit, so an incremental index update writes their rows.
    @Test func listOrdersTiesAsTheDirectReaderDoes() throws {
        let c = try Cluster(clones: 1)
        var ids: [String] = []
        for n in 0..<5 {
            ids.append(try c.ok(0, "new", "Same second \(n)", "--severity", "sev2", "--started", "2026-10-01T10:00:00Z"))
        }
        try c.ok(0, "new", "Later", "--started", "2026-10-02")
        try compareList(c, "five incidents started in the same second")
        #expect(try c.ok(0, "list").components(separatedBy: "Same second").count == 6)

        try handEdit(c) { wt in
            let files = try c.sandbox.git(["ls-files"], in: wt).lines
            let original = files.first { $0.hasSuffix(ids[2] + "/incident.md") }!
            let text = try String(contentsOfFile: wt + "/" + original, encoding: .utf8)
            for (folder, title) in [("incidents/2000-01/", "Copy sorted first"), ("incidents/2099-12/", "Copy sorted last")] {
                let dir = wt + "/" + folder + ids[2]
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                let copy = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.hasPrefix("title:") ? "title: \(title)" : String($0)
                }.joined(separator: "\n")
                try copy.write(toFile: dir + "/incident.md", atomically: true, encoding: .utf8)
            }
        }
        try compareList(c, "one incident in three folders")
        let listed = try c.sandbox.inquest(["--no-index", "list"], in: c.clones[0], env: c.env(0)).stdout
        #expect(listed.contains("Copy sorted first") && listed.contains("Copy sorted last"), "the copies are listed: \(listed)")
    }

    func compareList(_ c: Cluster, _ context: String) throws {
        for args in [["list"], ["list", "--limit", "3"], ["list", "--limit", "0"]] {
            let indexed = try c.sandbox.inquest(args, in: c.clones[0], env: c.env(0))
            let direct = try c.sandbox.inquest(["--no-index"] + args, in: c.clones[0], env: c.env(0))
            #expect(indexed.status == direct.status && indexed.stderr == direct.stderr, "\(context): \(args)")
            #expect(indexed.stdout == direct.stdout, "\(context): \(args):\n\(indexed.stdout)\n----\n\(direct.stdout)")
        }
    }

    /// Every command, at every "today", with the index and without.
    func compareAll(_ c: Cluster, _ context: String) throws {
        for now in Self.todays {
            for args in Self.commands {
                let env = c.env(0).merging(["INQUEST_NOW": now]) { $1 }
                let indexed = try c.sandbox.inquest(args, in: c.clones[0], env: env)
                let direct = try c.sandbox.inquest(["--no-index"] + args, in: c.clones[0], env: env)
                let what = "\(context), today \(now): \(args.joined(separator: " "))"
                #expect(indexed.status == direct.status, "\(what): exit \(indexed.status) vs \(direct.status): \(indexed.stderr) / \(direct.stderr)")
                #expect(indexed.stdout == direct.stdout, "\(what): stdout differs:\n\(indexed.stdout)\n----\n\(direct.stdout)")
                #expect(indexed.stderr == direct.stderr, "\(what): stderr differs:\n\(indexed.stderr)\n----\n\(direct.stderr)")
            }
        }
        // The index really served: it exists and is not empty once the branch has data.
        let index = c.clones[0] + "/.git/inquest/index"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: index)) ?? []).contains { $0.hasSuffix(".sqlite3") },
                "\(context): no index was built")
    }

    /// A commit made with plain git on clone 0's data branch.
    func handEdit(_ c: Cluster, _ edit: (String) throws -> Void) throws {
        let wt = c.tmp.path + "/wt-\(UUID().uuidString.prefix(8))"
        let old = try c.git(0, "rev-parse", "refs/heads/postmortems").trimmed
        try c.git(0, "worktree", "add", "-q", "--detach", wt, old)
        try edit(wt)
        try c.sandbox.git(["add", "-A"], in: wt)
        try c.sandbox.git(["commit", "-q", "--no-verify", "-m", "hand edit"], in: wt)
        let new = try c.sandbox.git(["rev-parse", "HEAD"], in: wt).trimmed
        try c.git(0, "update-ref", "refs/heads/postmortems", new, old)
        try c.git(0, "worktree", "remove", "--force", wt)
    }
}
