import Foundation
import Testing
import TestSupport

/// With SSH signing on (git's own configuration), every commit every write command makes
/// is one `git verify-commit` accepts, including the sync merge of a concurrent edit pushed
/// to a server whose policy requires signatures. The commands come from the CLI's own
/// command tree, so a new command that is not in the table fails this test.
@Suite struct EveryWriteSignsTests {
    /// Commands that make no commit on the data branch.
    static let readOnly: Set<String> = [
        "list", "show", "followups", "check", "hooks install", "hooks uninstall", "hook", "report", "stats",
        "site", "trust list", "verify", "log", "conflicts", "merge-driver", "diff", "policy show", "search",
    ]

    /// Every leaf command of `inquest`, with the names of its options.
    static func commandTree(_ sandbox: Sandbox, in dir: String) throws -> [String: Set<String>] {
        let r = try sandbox.inquest(["--experimental-dump-help"], in: dir)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        var out: [String: Set<String>] = [:]
        func walk(_ c: [String: Any], _ path: [String]) {
            let subs = (c["subcommands"] as? [[String: Any]] ?? []).filter { $0["commandName"] as? String != "help" }
            if subs.isEmpty {
                let names = (c["arguments"] as? [[String: Any]] ?? []).flatMap { a in
                    (a["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                }
                out[path.joined(separator: " ")] = Set(names)
            }
            for s in subs { walk(s, path + [s["commandName"] as! String]) }
        }
        walk(json["command"] as! [String: Any], [])
        return out
    }

    @Test func everyCommitOfEveryWriteCommandPassesGitVerifyCommit() throws {
        let a = try SSHWorld()
        let fx = a.fx
        let tree = try Self.commandTree(fx.sandbox, in: fx.repo)
        let writes = Set(tree.keys).subtracting(Self.readOnly)
        #expect(Self.readOnly.isSubset(of: Set(tree.keys)), "read-only commands that no longer exist: \(Self.readOnly.subtracting(tree.keys))")
        for name in writes.sorted() {
            #expect(tree[name]!.isSuperset(of: ["sign", "no-sign"]), "`inquest \(name)` writes but has no --sign/--no-sign")
        }

        // Each step runs one write command and returns the commits it made.
        var covered: [String: Int] = [:]
        func newCommits(_ dir: String, since old: String?, _ body: () throws -> Void) throws -> [String] {
            try body()
            let range = old.map { ["refs/heads/postmortems", "^" + $0] } ?? ["refs/heads/postmortems"]
            return try fx.sandbox.git(["rev-list"] + range, in: dir).lines
        }
        func tip(_ dir: String) -> String? {
            (try? fx.sandbox.git(["rev-parse", "-q", "--verify", "refs/heads/postmortems"], in: dir))?.trimmed
        }
        func step(_ name: String, as p: Person, in dir: String? = nil, env: [String: String] = [:],
                  _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let dir = dir ?? fx.repo
            var out = ""
            let made = try newCommits(dir, since: tip(dir)) {
                try fx.sandbox.git(["config", "user.signingkey", p.key], in: dir)
                let r = try fx.sandbox.inquest(args, in: dir, env: p.env.merging(env) { $1 })
                guard r.status == 0 else { throw Failure("inquest \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
                out = r.trimmed
            }
            #expect(!made.isEmpty || name == "sync", "`inquest \(name)` made no commit", sourceLocation: sourceLocation)
            let allowed = try a.allowedSigners([a.alice, a.bob, a.mallory])
            for c in made {
                let verified = try fx.sandbox.run("git", ["-c", "gpg.ssh.allowedSignersFile=\(allowed)", "verify-commit", c], cwd: dir)
                #expect(verified.status == 0,
                        "`inquest \(name)` made \(c), which git verify-commit refuses", sourceLocation: sourceLocation)
            }
            covered[name, default: 0] += made.count
            return out
        }

        _ = try step("init", as: a.alice, ["init"])
        let id = try step("new", as: a.alice, ["new", "Signed everywhere", "--severity", "sev3"])
        _ = try step("set", as: a.alice, ["set", id, "owner=alice", "summary=What happened."])
        let editor = fx.tmp.path + "/editor.sh"
        try "#!/bin/sh\nsed -i 's/^owner: alice$/owner: carol/' \"$1\"\n".write(to: editor)
        try fx.sandbox.run("chmod", ["+x", editor], cwd: fx.repo)
        _ = try step("edit", as: a.alice, env: ["GIT_EDITOR": editor], ["edit", id])
        _ = try step("timeline add", as: a.alice, ["timeline", "add", id, "--kind", "detection", "Alert fired"])
        let finding = try step("finding add", as: a.alice, ["finding", "add", id, "--category", "technical-lapse",
                                                             "--evidence", "https://logs.example/1", "No alert on the key"])
        let fu = try step("followup add", as: a.alice, ["followup", "add", id, "--kind", "bug", "--owner", "bob",
                                                        "--due", "2026-12-15", "--finding", finding, "Alert on keys"])
        let doomed = try step("followup add", as: a.alice, ["followup", "add", id, "--kind", "process", "--owner", "bob",
                                                            "--due", "2026-12-16", "A duplicate"])
        _ = try step("followup set", as: a.alice, ["followup", "set", fu, "owner=carol"])
        _ = try step("followup review", as: a.alice, ["followup", "review", fu, "--note", "on track"])
        _ = try step("followup link", as: a.alice, ["followup", "link", fu, "https://git.example.com/app/-/merge_requests/7"])
        _ = try step("followup delete", as: a.alice, ["followup", "delete", doomed])
        let wrongFinding = try a.ok(a.alice, "finding", "add", id, "--category", "manual-error", "--evidence",
                                    "https://logs.example/2", "Added by mistake")
        _ = try step("finding delete", as: a.alice, ["finding", "delete", wrongFinding])
        let wrongEvent = try a.ok(a.alice, "timeline", "add", id, "--kind", "observation", "Added by mistake")
        _ = try step("timeline delete", as: a.alice, ["timeline", "delete", wrongEvent])
        let policyEditor = fx.tmp.path + "/policy-editor.sh"
        try "#!/bin/sh\nprintf '\\n# reviewed\\n' >> \"$1\"\n".write(to: policyEditor)
        try fx.sandbox.run("chmod", ["+x", policyEditor], cwd: fx.repo)
        _ = try step("policy edit", as: a.alice, env: ["GIT_EDITOR": policyEditor], ["policy", "edit"])
        let source = fx.tmp.path + "/import"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try "---\ntitle: Imported outage\nseverity: sev3\n---\n\n## Summary\n\nFrom the old tracker.\n"
            .write(to: source + "/old.md")
        _ = try step("import", as: a.alice, ["import", source])
        _ = try step("status", as: a.alice, ["status", id, "resolved"])
        _ = try step("trust add", as: a.alice, ["trust", "add", a.bob.pub, "--owner", "\(a.bob.name) <\(a.bob.email)>"])
        _ = try step("trust add", as: a.alice, ["trust", "add", a.mallory.pub, "--owner", "\(a.mallory.name) <\(a.mallory.email)>"])
        _ = try step("trust remove", as: a.alice, ["trust", "remove", a.mallory.email])
        _ = try step("approve", as: a.bob, ["approve", id])

        // `merge`: a review branch, written to with --branch, merged into the data branch.
        try fx.git("branch", "review/x", "postmortems")
        try a.ok(a.alice, "--branch", "review/x", "timeline", "add", id, "--kind", "observation", "From the review")
        _ = try step("set", as: a.alice, ["set", id, "owner=dave"])
        _ = try step("merge", as: a.alice, ["merge", "review/x"])
        #expect(try fx.git("rev-list", "--parents", "-n", "1", "postmortems").split(separator: " ").count == 3,
                "merge made no merge commit")

        // A server that requires signatures, and Bob's clone of it.
        try fx.editBranch(message: "require signed commits") { wt in
            let path = wt + "/.inquest/policy.yml"
            try (try String(contentsOfFile: path, encoding: .utf8))
                .replacingOccurrences(of: "require_signed: false", with: "require_signed: true").write(to: path)
        }
        let base = fx.tmp.sub("srv")
        try fx.sandbox.git(["init", "-q", "--bare", base + "/server.git"], in: base)
        try fx.sandbox.ok(["hooks", "install", "--server"], in: base + "/server.git")
        let daemon = try GitDaemon(base: base, sandbox: fx.sandbox)
        try fx.git("remote", "add", "origin", daemon.url("server.git"))
        _ = try step("sync", as: a.alice, ["sync"])
        let bobDir = fx.tmp.path + "/bob"
        try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), bobDir], in: fx.tmp.path)
        for (k, v) in [("gpg.format", "ssh"), ("commit.gpgsign", "true")] { try fx.sandbox.git(["config", k, v], in: bobDir) }
        _ = try step("sync", as: a.bob, in: bobDir, ["sync"])

        // Concurrent edits of one field: Bob pushes first, Alice's sync merges (a signed
        // merge, recorded conflict) and the server that requires signatures takes it.
        _ = try step("set", as: a.bob, in: bobDir, ["set", id, "owner=bob"])
        _ = try step("sync", as: a.bob, in: bobDir, ["sync"])
        _ = try step("set", as: a.alice, ["set", id, "owner=alice"])
        let before = tip(fx.repo)!
        _ = try step("sync", as: a.alice, ["sync"])
        let merge = tip(fx.repo)!
        #expect(try fx.git("rev-list", "--parents", "-n", "1", merge).split(separator: " ").count == 3, "sync made no merge")
        #expect(try fx.git("rev-parse", "\(merge)^2").trimmed == before, "the merge's second parent is not the local line")
        #expect(try fx.sandbox.git(["rev-parse", "refs/heads/postmortems"], in: base + "/server.git").trimmed == merge)
        _ = try step("resolve", as: a.alice, ["resolve", id, "owner", "--ours"])
        _ = try step("sync", as: a.alice, ["sync"])

        // `fix-unpushed`: a commit made unsigned by mistake is made again, signed, before the
        // server that requires signatures sees it.
        try a.ok(a.alice, "set", id, "owner=erin", "--no-sign")
        _ = try step("fix-unpushed", as: a.alice, ["fix-unpushed"])
        _ = try step("sync", as: a.alice, ["sync"])

        // `trust init`: on a branch made unsigned, the explicit bootstrap commit is signed.
        let other = try SSHWorld()
        try other.fx.sandbox.ok(["init", "--no-sign"], in: other.fx.repo, env: other.alice.env)
        let made = try newCommits(other.fx.repo, since: other.fx.tip) { try other.ok(other.alice, "trust", "init") }
        #expect(made.count == 1)
        for c in made { #expect(try other.gitVerifies(c, trusting: [other.alice])) }
        covered["trust init", default: 0] += made.count

        #expect(Set(covered.keys) == writes, "write commands not exercised: \(writes.subtracting(covered.keys).sorted())")
        // Every commit on both sides, the merges included, verifies.
        for c in try fx.git("rev-list", "postmortems").lines {
            #expect(try a.gitVerifies(c, trusting: [a.alice, a.bob, a.mallory]), "\(c)")
        }
    }
}
