import Foundation
import InquestCore
import Testing
import TestSupport

/// The index and `inquest search`: what each guarantees on its own (the byte-for-byte
/// comparison with direct reads is IndexConsistencyTests).
@Suite struct IndexTests {
    /// A word no other record holds, made of letters only (FTS5 tokens).
    static func uniqueWord(_ rng: inout SeededRandom) -> String {
        "zq" + String((0..<8).map { _ in "abcdefghijkmnpqrstuvwxy".randomElement(using: &rng)! })
    }

    @Test func searchFindsEveryRecordByItsOwnWordAndNoOther() throws {
        let seed = SeededRandom.seed()
        var rng = SeededRandom(seed: seed)
        let fx = try Fixture()
        let store = try Store.open(path: fx.repo, branch: nil, environment: fx.sandbox.environment)
        let pm = Postmortems(store: store, now: Date(timeIntervalSince1970: 1_795_000_000))
        var words: [String: RecordID] = [:]
        func word() -> String {
            var w = Self.uniqueWord(&rng)
            while words[w] != nil { w = Self.uniqueWord(&rng) }
            return w
        }
        for n in 0..<12 {
            let w = word()
            let inc = try pm.create(.init(title: "Incident \(n) \(w)"))
            words[w] = inc
            let s = word()
            try pm.set(inc.description, [try Assignment.parse("summary=The \(s) happened.")])
            words[s] = inc
            let e = word()
            words[e] = try pm.addEvent(inc.description, at: Timestamp(seconds: 1_790_000_000 + Int64(n)), kind: .action,
                                       text: "Operators saw \(e) in the logs", evidence: [])
            let f = word()
            let finding = try pm.addFinding(inc.description, category: .processFlaw, title: "Finding \(f)", evidence: [])
            words[f] = finding
            let u = word()
            let fu = try pm.addFollowUp(inc.description, .init(kind: .bug, owner: "ann", due: Day(days: 20_800),
                                                               title: "Follow-up \(u)"))
            words[u] = fu
            let r = word()
            try pm.review(fu.description, note: "Reviewed: \(r) pending")
            words[r] = fu
            _ = finding
        }
        // Both ways: the on-disk index, and the in-memory one `--no-index` builds.
        for indexed in [true, false] {
            store.indexEnabled = indexed
            let fresh = Postmortems(store: try Store.open(path: fx.repo, branch: nil, environment: fx.sandbox.environment),
                                    now: pm.now)
            fresh.store.indexEnabled = indexed
            for (w, id) in words {
                let hits = try fresh.search(w, filter: RecordFilter())
                #expect(hits.map(\.id) == [id], "seed \(seed): '\(w)' should find only \(id), found \(hits.map(\.id))")
                #expect(hits.first?.snippet.contains("\(SearchHit.markStart)\(w)\(SearchHit.markEnd)") == true)
            }
            #expect(try fresh.search(Self.uniqueWord(&rng) + "x", filter: RecordFilter()).isEmpty)
            var onlyFindings = RecordFilter()
            onlyFindings.kind = .finding
            #expect(try fresh.search("Finding", filter: onlyFindings).count == 12)
        }
    }

    @Test func queriesWithSearchSyntaxNeverFailRaw() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Odd \"quoted\" title: NEAR(a b) AND c* -d ^e {f g}")
        let queries = ["\"", "\"\"", "*", "AND", "OR NOT", "NEAR(", "a:b", "title:Odd", "(", ")", "-d", "^e",
                       "{f g}", "'", "\\", "c*", "\"unbalanced", "NEAR(a b)", "+", "Odd AND", "col:", "%", "-", "*Odd"]
        for q in queries {
            let r = try fx.run(["search", "--", q])
            #expect(r.status == 0 || (r.status == 2 && r.stderr.contains("no words to search for")),
                    "'\(q)': exit \(r.status): \(r.stderr)")
            #expect(!r.stderr.lowercased().contains("sqlite") && !r.stderr.contains("fts5"), "'\(q)': \(r.stderr)")
        }
        #expect(try fx.ok("search", "NEAR(a b)").contains(id))
        #expect(try fx.ok("search", "title: NEAR").contains(id)) // one phrase: "title near"
        #expect(try fx.ok("search", "\"quoted title\"").contains(id))
    }

    @Test func snippetsAreSafeForATerminal() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Terminal test")
        try fx.editIncident(id) { $0.replacingOccurrences(of: "## Summary\n", with: "## Summary\n\nzqescape \u{1B}]0;owned\u{07} \u{202E}evil\n") }
        // On a terminal, as every command: the output layer shows them (TerminalSafetyTests).
        let out = try fx.run(["search", "zqescape"], env: ["INQUEST_TERMINAL": "1"]).stdout
        #expect(out.contains(id))
        #expect(!out.contains("\u{1B}]") && !out.contains("\u{07}") && !out.contains("\u{202E}"), "\(out)")
        #expect(out.contains("^[]0;owned^G") && out.contains("<U+202E>evil"), "\(out)")
    }

    @Test func anIndexThatCannotBeOpenedFallsBackToTheBranch() throws {
        let fx = try Fixture()
        let a = try fx.ok("new", "Alpha", "--severity", "sev1")
        let direct = try fx.ok("--no-index", "list", "--json")
        // A folder where the database file should be: SQLite cannot open it, even as root.
        let dir = fx.repo + "/.git/inquest/index"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/" + Self.indexName, withIntermediateDirectories: true)
        #expect(try fx.ok("list", "--json") == direct)
        #expect(try fx.ok("show", String(a.prefix(8))).contains("Alpha"))
        #expect(try fx.ok("search", "Alpha").contains(a))
        // And `INQUEST_NO_INDEX=1` never creates one.
        try FileManager.default.removeItem(atPath: dir)
        _ = try fx.run(["list"], env: ["INQUEST_NO_INDEX": "1"])
        #expect(!FileManager.default.fileExists(atPath: dir))
        _ = try fx.ok("list")
        #expect(FileManager.default.fileExists(atPath: dir + "/" + Self.indexName))
    }

    /// `refs/heads/postmortems` in hex.
    static let indexName = "726566732f68656164732f706f73746d6f7274656d73.sqlite3"

    @Test func anIndexOfAnotherFormatIsRebuilt() throws {
        let fx = try Fixture()
        let a = try fx.ok("new", "Alpha")
        _ = try fx.ok("list")
        let file = fx.repo + "/.git/inquest/index/" + Self.indexName
        try fx.sandbox.run("sqlite3", [file, "DELETE FROM incidents; PRAGMA user_version = 99;"], cwd: fx.repo)
        #expect(try fx.ok("list").contains(a), "an index of another version must not be trusted")
        let version = try fx.sandbox.run("sqlite3", [file, "PRAGMA user_version"], cwd: fx.repo).stdout
        #expect(version.trimmed == "4", "rebuilt at the current format (IndexSchema.version)")
    }

    /// A file that does not parse is the direct readers' business: every reader of the
    /// index part holding it answers exactly as `--no-index` does (an error naming the file,
    /// or whatever the direct readers do with it), and the other part still serves.
    @Test func anUnreadableRecordGetsTheDirectReadersAnswer() throws {
        let fx = try Fixture()
        let a = try fx.ok("new", "Alpha")
        _ = try fx.ok("followup", "add", a, "--kind", "bug", "--owner", "ann", "--due", "2026-12-01", "Good one")
        var bad = ""
        try fx.editBranch(message: "broken follow-up") { wt in
            let dir = try fx.incidentPath(a).replacingOccurrences(of: "/incident.md", with: "/followups")
            bad = dir + "/FU-ZZZZZZZZZZ.md"
            try "---\nid: FU-ZZZZZZZZZZ\ntitle: [unclosed\n---\n".write(to: wt + "/" + bad)
        }
        for args in [["followups"], ["followups", "--json"], ["stats"], ["search", "Good"], ["show", a], ["list"]] {
            let indexed = try fx.run(args)
            let direct = try fx.run(["--no-index"] + args)
            #expect(indexed.status == direct.status && indexed.stdout == direct.stdout && indexed.stderr == direct.stderr,
                    "\(args): \(indexed.status) \(indexed.stderr) / \(direct.status) \(direct.stderr)")
        }
        let followups = try fx.run(["followups"])
        #expect(followups.stderr.contains(bad), "\(followups.stderr)")
        // The incidents part never read that file: list is still served from the index.
        #expect(try fx.ok("list").contains(a))
    }

    /// Several processes write and read at once, starting from no index: each sees its
    /// own write at once (never a stale answer), and the index ends equal to the branch.
    @Test func concurrentRunsNeverServeStaleAnswers() throws {
        let fx = try Fixture()
        _ = try fx.ok("new", "First")
        let script = """
            set -e
            for n in 1 2 3 4; do
              id=$("$INQUEST" new "Worker $W incident $n")
              "$INQUEST" show "$id" >/dev/null
              "$INQUEST" list --json | grep -q "$id"
              "$INQUEST" search "Worker $W incident $n" --json | grep -q "$id"
            done
            """
        try? FileManager.default.removeItem(atPath: fx.repo + "/.git/inquest")
        let workers = try (0..<4).map { w -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script]
            p.currentDirectoryURL = URL(fileURLWithPath: fx.repo)
            p.environment = fx.sandbox.environment.merging(["INQUEST": Binaries.inquest, "W": "\(w)"]) { $1 }
            try p.run()
            return p
        }
        for p in workers { p.waitUntilExit() }
        for p in workers { #expect(p.terminationStatus == 0, "a worker saw a stale or failed answer") }
        let indexed = try fx.ok("list", "--json")
        #expect(indexed == (try fx.ok("--no-index", "list", "--json")))
        #expect(indexed.components(separatedBy: "\"id\"").count - 1 == 17)
        let check = try fx.sandbox.run("sqlite3", [fx.repo + "/.git/inquest/index/" + Self.indexName, "PRAGMA integrity_check"],
                                       cwd: fx.repo)
        #expect(check.stdout.trimmed == "ok")
    }
}
