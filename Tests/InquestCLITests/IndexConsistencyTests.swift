import Foundation
import Testing
import TestSupport

/// The derived index is never a source of truth: after random sequences of CLI writes on
/// two clones, hand commits, syncs with conflicts, branch resets (to an older commit and to
/// an unrelated history) and deleted, truncated, overwritten or other-version index files, every indexed
/// command prints exactly what `--no-index` prints, byte for byte (stdout, stderr, exit).
@Suite struct IndexConsistencyTests {
    final class World {
        let c: Cluster
        var incidents: [String] = []
        var records: [String] = []
        var commits: [String] = []
        init(_ c: Cluster) { self.c = c }
    }

    @Test func indexedReadsEqualDirectReads() throws {
        let seed = SeededRandom.seed()
        let context = "seed \(seed) (replay with INQUEST_SEED=\(seed))"
        print("IndexConsistencyTests: \(context)")
        var rng = SeededRandom(seed: seed)
        let w = World(try Cluster(clones: 2))
        for i in 0..<2 {
            let id = try w.c.ok(i, "new", "Seed incident \(i)", "--severity", "sev\(i + 1)", "--tag", "seed")
            w.incidents.append(id)
        }
        try w.c.ok(0, "sync"); try w.c.ok(1, "sync"); try w.c.ok(0, "sync")
        try compare(w, &rng, context: "\(context), start")

        let steps = ProcessInfo.processInfo.environment["INQUEST_INDEX_STEPS"].flatMap(Int.init) ?? 20
        var done: [String] = []
        for step in 0..<steps {
            let what = try randomStep(w, &rng)
            done.append(what)
            try compare(w, &rng, context: "\(context), step \(step) after \(done.suffix(3))")
        }
        print("IndexConsistencyTests: \(done.joined(separator: ", "))")
    }

    /// One random change; returns what it was, for the failure message.
    func randomStep(_ w: World, _ rng: inout SeededRandom) throws -> String {
        let c = w.c
        let i = Int.random(in: 0..<2, using: &rng)
        let inc = w.incidents.randomElement(using: &rng)!
        switch Int.random(in: 0..<14, using: &rng) {
        case 0:
            let word = "word\(Int.random(in: 0..<1000, using: &rng))"
            let sev = "sev\(Int.random(in: 1...4, using: &rng))"
            let r = try c.run(i, ["new", "Incident about \(word)", "--severity", sev, "--owner", ["ann", "bob"].randomElement(using: &rng)!,
                                  "--tag", ["t1", "t2"].randomElement(using: &rng)!])
            if r.status == 0 { w.incidents.append(r.trimmed) }
            return "new on \(i)"
        case 1:
            _ = try c.run(i, ["set", inc, "title=Renamed \(Int.random(in: 0..<99, using: &rng))", "summary=Some text \(i)"])
            return "set title on \(i)"
        case 2:
            let r = try c.run(i, ["timeline", "add", inc, "--at", "2026-11-2\(Int.random(in: 1...8, using: &rng))T10:00Z",
                                  "--kind", "action", "Rotated key\(Int.random(in: 0..<50, using: &rng))"])
            if r.status == 0 { w.records.append(r.trimmed) }
            return "timeline on \(i)"
        case 3:
            let r = try c.run(i, ["finding", "add", inc, "--category", ["technical-lapse", "process-flaw"].randomElement(using: &rng)!,
                                  "--evidence", "https://logs.example/x", "Finding \(Int.random(in: 0..<99, using: &rng))"])
            if r.status == 0 { w.records.append(r.trimmed) }
            return "finding on \(i)"
        case 4:
            let r = try c.run(i, ["followup", "add", inc, "--kind", "bug", "--owner", ["ann", "cy"].randomElement(using: &rng)!,
                                  "--due", "2026-1\(Int.random(in: 0...2, using: &rng))-15", "Fix thing \(Int.random(in: 0..<99, using: &rng))"])
            if r.status == 0 { w.records.append(r.trimmed) }
            return "followup on \(i)"
        case 5:
            guard let fu = w.records.filter({ $0.hasPrefix("FU-") }).randomElement(using: &rng) else { return "skip" }
            _ = try c.run(i, ["followup", "set", fu, "status=\(["done", "in-progress", "open"].randomElement(using: &rng)!)"])
            _ = try c.run(i, ["followup", "review", fu, "--note", "Looked at it \(Int.random(in: 0..<9, using: &rng))"])
            return "followup set/review on \(i)"
        case 6:
            // The same field on both clones, then both sync: a recorded conflict.
            _ = try c.run(0, ["set", inc, "owner=zed"])
            _ = try c.run(1, ["set", inc, "owner=yan"])
            _ = try c.run(0, "sync".split(separator: " ").map(String.init))
            _ = try c.run(1, ["sync"])
            _ = try c.run(0, ["sync"])
            return "conflicting syncs"
        case 7:
            _ = try c.run(i, ["sync"])
            return "sync \(i)"
        case 8:
            try handEdit(w, inc, &rng)
            return "hand commit"
        case 9:
            // Reset to an earlier commit of the branch.
            let log = try c.git(0, "rev-list", "--max-count=20", "refs/heads/postmortems").lines
            let target = log.randomElement(using: &rng)!
            try c.git(0, "update-ref", "refs/heads/postmortems", target)
            return "reset to older"
        case 10:
            // Reset to a history that shares nothing with this one.
            let other = "other\(Int.random(in: 0..<1_000_000, using: &rng))"
            _ = try c.ok(0, "--branch", other, "init")
            let id = try c.ok(0, "--branch", other, "new", "Unrelated history incident")
            try c.git(0, "update-ref", "refs/heads/postmortems", "refs/heads/\(other)")
            w.incidents.append(id)
            return "reset to unrelated"
        case 11:
            for f in try indexFiles(w) { try FileManager.default.removeItem(atPath: f) }
            return "deleted index"
        case 12:
            for f in try indexFiles(w) where f.hasSuffix(".sqlite3") {
                let size = (try FileManager.default.attributesOfItem(atPath: f)[.size] as? Int) ?? 0
                let h = try FileHandle(forWritingTo: URL(fileURLWithPath: f))
                try h.truncate(atOffset: UInt64(Int.random(in: 0...max(0, size / 2), using: &rng)))
                try h.close()
            }
            return "truncated index"
        default:
            // Not a database any more (the header overwritten), or an index of another format.
            for f in try indexFiles(w) where f.hasSuffix(".sqlite3") {
                let h = try FileHandle(forUpdating: URL(fileURLWithPath: f))
                if Bool.random(using: &rng) {
                    h.write(Data((0..<100).map { _ in UInt8.random(in: 0...255, using: &rng) }))
                } else {
                    try h.seek(toOffset: 60) // SQLite's user_version: the index format
                    h.write(Data([0, 0, 0, 99]))
                }
                try h.close()
            }
            return "garbled index"
        }
    }

    func indexFiles(_ w: World) throws -> [String] {
        let dir = w.c.clones[0] + "/.git/inquest/index"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.map { dir + "/" + $0 }
    }

    /// Changes an incident and adds a follow-up with plain git, as a person would.
    func handEdit(_ w: World, _ inc: String, _ rng: inout SeededRandom) throws {
        let c = w.c
        let wt = c.tmp.path + "/wt-\(UUID().uuidString.prefix(8))"
        let old = try c.git(0, "rev-parse", "refs/heads/postmortems").trimmed
        try c.git(0, "worktree", "add", "-q", "--detach", wt, old)
        let files = try c.sandbox.git(["ls-files"], in: wt).lines
        if let path = files.first(where: { $0.hasSuffix("/incident.md") && $0.contains(inc) }) ?? files.first(where: { $0.hasSuffix("/incident.md") }) {
            var text = try String(contentsOfFile: wt + "/" + path, encoding: .utf8)
            text = text.replacingOccurrences(of: "status: open", with: "status: resolved")
            text = text.replacingOccurrences(of: "## Summary\n", with: "## Summary\n\nHand written handedit\(Int.random(in: 0..<99, using: &rng)) note.\n")
            try text.write(to: wt + "/" + path)
        }
        if let fu = files.first(where: { $0.contains("/followups/") }) {
            try FileManager.default.removeItem(atPath: wt + "/" + fu)
        }
        try c.sandbox.git(["add", "-A"], in: wt)
        _ = try? c.sandbox.git(["commit", "-q", "--no-verify", "-m", "hand edit"], in: wt)
        let new = try c.sandbox.git(["rev-parse", "HEAD"], in: wt).trimmed
        try c.git(0, "update-ref", "refs/heads/postmortems", new, old)
        try c.git(0, "worktree", "remove", "--force", wt)
    }

    /// Runs the read commands on clone 0 with the index and without; all must agree.
    func compare(_ w: World, _ rng: inout SeededRandom, context: String) throws {
        let c = w.c
        let tipIncidents = (try? c.ok(0, "--no-index", "list", "--json")).map { text in
            text.lines.filter { $0.contains("\"id\"") }.map { $0.components(separatedBy: "\"")[3] }
        } ?? []
        var commands: [[String]] = [
            ["list"], ["list", "--json"], ["list", "--severity", "sev1", "--limit", "2"], ["list", "--open", "--tag", "t1"],
            ["list", "--category", "technical-lapse"], ["list", "--kind", "followup", "--since", "2026-01-01"],
            ["followups"], ["followups", "--json", "--open"], ["followups", "--stale", "0", "--owner", "ann"],
            ["stats", "--json"], ["stats"],
            ["search", "Renamed", "--json"], ["search", "Rotated"], ["search", "Hand written", "--kind", "incident"],
            ["search", "fix*", "--json", "--open"], ["search", "word\(Int.random(in: 0..<1000, using: &rng))"],
        ]
        if let inc = tipIncidents.randomElement(using: &rng) {
            commands.append(["show", inc, "--json"])
            commands.append(["show", String(inc.prefix(8))])
        }
        // Lookups of every record kind: a no-op edit goes through the same ID resolution.
        for id in (w.records + w.incidents).shuffled(using: &rng).prefix(3) {
            commands.append(["edit", String(id.prefix(id.hasPrefix("FU") ? 7 : 6))])
            commands.append(["edit", id])
        }
        // A random third of them each time (always a listing), to keep the suite quick.
        let chosen = [["list", "--json"]] + commands.dropFirst(2).shuffled(using: &rng).prefix(commands.count / 3)
        for args in chosen {
            let indexed = try c.sandbox.inquest(args, in: c.clones[0], env: c.env(0).merging(["GIT_EDITOR": "true"]) { $1 })
            let direct = try c.sandbox.inquest(["--no-index"] + args, in: c.clones[0],
                                               env: c.env(0).merging(["GIT_EDITOR": "true"]) { $1 })
            #expect(indexed.status == direct.status, "\(context): \(args) exit \(indexed.status) vs \(direct.status): \(indexed.stderr) / \(direct.stderr)")
            #expect(indexed.stdout == direct.stdout, "\(context): \(args) stdout differs:\n\(indexed.stdout)\n----\n\(direct.stdout)")
            #expect(indexed.stderr == direct.stderr, "\(context): \(args) stderr differs:\n\(indexed.stderr)\n----\n\(direct.stderr)")
        }
    }
}
