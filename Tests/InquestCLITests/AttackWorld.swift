import Foundation
import Testing
import TestSupport

/// A team's server under attack: Alice's signed branch (her key the first trust root, Bob's
/// added) served by a real `git daemon` on 127.0.0.1 from a bare repository with
/// `inquest hooks install --server`, and a mirror of it with no hooks (a forge that runs
/// none, or a server the attacker controls), for what a fresh clone then makes of it.
///
/// The attacker crafts commits with plumbing (`git hash-object`, `git commit-tree`) in a
/// clone of their own, as a real one would.
struct AttackWorld {
    let w: SSHWorld
    let daemon: GitDaemon
    let server: String
    let mirror: String

    var alice: Person { w.alice }
    var bob: Person { w.bob }
    var mallory: Person { w.mallory }
    var sandbox: Sandbox { w.fx.sandbox }
    var tmp: TempDir { w.fx.tmp }

    /// `requireSigned`: the server's policy sets `require_signed: true`.
    /// `trustMallory`: Mallory's key is a trust root too (an insider).
    init(requireSigned: Bool = true, trustMallory: Bool = false) throws {
        w = try SSHWorld()
        try w.ok(w.alice, "init")
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "\(w.bob.name) <\(w.bob.email)>")
        if trustMallory {
            try w.ok(w.alice, "trust", "add", w.mallory.pub, "--owner", "\(w.mallory.name) <\(w.mallory.email)>")
        }
        if requireSigned {
            // Signed by Alice (commit.gpgsign is on and her key was the last one configured).
            try w.fx.editBranch(message: "require signed commits") { wt in
                let path = wt + "/.inquest/policy.yml"
                try (try String(contentsOfFile: path, encoding: .utf8))
                    .replacingOccurrences(of: "require_signed: false", with: "require_signed: true").write(to: path)
            }
        }
        let base = w.fx.tmp.sub("srv")
        server = base + "/server.git"
        mirror = base + "/mirror.git"
        for bare in [server, mirror] { try w.fx.sandbox.git(["init", "-q", "--bare", bare], in: base) }
        try w.fx.sandbox.ok(["hooks", "install", "--server"], in: server)
        daemon = try GitDaemon(base: base, sandbox: w.fx.sandbox)
        try w.fx.sandbox.git(["remote", "add", "origin", daemon.url("server.git")], in: w.fx.repo)
        try w.ok(w.alice, "sync")
        try w.fx.sandbox.git(["push", "-q", mirror, "postmortems"], in: w.fx.repo)
    }

    var serverTip: String { get throws { try sandbox.git(["rev-parse", "refs/heads/postmortems"], in: server).trimmed } }

    /// A clone of the server for `p`, with their key configured for signing.
    func clone(_ p: Person) throws -> String {
        let dir = tmp.path + "/clone-\(p.email.prefix { $0 != "@" })-\(UUID().uuidString.prefix(6))"
        try sandbox.git(["clone", "-q", "--no-checkout", daemon.url("server.git"), dir], in: tmp.path)
        try sandbox.git(["branch", "-q", "postmortems", "origin/postmortems"], in: dir)
        for (k, v) in [("gpg.format", "ssh"), ("user.signingkey", p.key), ("commit.gpgsign", "true"),
                       ("user.name", p.name), ("user.email", p.email)] {
            try sandbox.git(["config", k, v], in: dir)
        }
        return dir
    }

    /// A tree: `base`'s (a commit or tree; nil: empty) with `files` written (nil deletes).
    func tree(in dir: String, from base: String?, _ files: [String: String?]) throws -> String {
        let index = tmp.path + "/index-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: index) }
        let env = ["GIT_INDEX_FILE": index]
        if let base { try sandbox.git(["read-tree", base], in: dir, env: env) } else { try sandbox.git(["read-tree", "--empty"], in: dir, env: env) }
        for (path, content) in files {
            if let content {
                let file = tmp.path + "/blob-\(UUID().uuidString.prefix(8))"
                try content.write(to: file)
                let blob = try sandbox.git(["hash-object", "-w", file], in: dir).trimmed
                try sandbox.git(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(path)"], in: dir, env: env)
            } else {
                try sandbox.git(["update-index", "--force-remove", path], in: dir, env: env)
            }
        }
        return try sandbox.git(["write-tree"], in: dir, env: env).trimmed
    }

    /// A commit made with `git commit-tree` by `p`, signed with their key unless `sign` is false.
    func commit(in dir: String, as p: Person, tree: String, parents: [String], message: String,
                sign: Bool = true, authorEmail: String? = nil) throws -> String {
        var env = p.env
        if let authorEmail { env["GIT_AUTHOR_EMAIL"] = authorEmail }
        let args = ["-c", "user.signingkey=\(p.key)", "-c", "gpg.format=ssh", "commit-tree"] + (sign ? ["-S"] : [])
            + parents.flatMap { ["-p", $0] } + ["-m", message, tree]
        return try sandbox.git(args, in: dir, env: env).trimmed
    }

    /// The text of a file at a revision.
    func show(_ dir: String, _ rev: String, _ path: String) throws -> String {
        try sandbox.git(["show", "\(rev):\(path)"], in: dir)
    }

    /// Pushes `commit` as the data branch to the hooked server: what git says.
    func pushToServer(from dir: String, _ commit: String) throws -> ProcessResult {
        try sandbox.run("git", ["push", daemon.url("server.git"), "\(commit):refs/heads/postmortems"], cwd: dir)
    }

    /// Expects the server to refuse `commit` with a `remote:` line containing `reason`, and
    /// its branch not to move.
    func expectRefused(from dir: String, _ commit: String, _ reason: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try serverTip
        let r = try pushToServer(from: dir, commit)
        #expect(r.status != 0, "the server accepted \(commit)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains("remote: inquest: push to refs/heads/postmortems refused:"), "\(r.stderr)",
                sourceLocation: sourceLocation)
        let remoteLines = r.stderr.lines.filter { $0.hasPrefix("remote:") }.joined(separator: "\n")
        #expect(remoteLines.contains(reason), "no remote: line says '\(reason)':\n\(r.stderr)", sourceLocation: sourceLocation)
        #expect(try serverTip == before, "the server branch moved", sourceLocation: sourceLocation)
    }

    /// What `inquest verify --json` says on a fresh clone of the hook-less mirror after
    /// `commit` was pushed there, with an empty HOME: each commit's state, and the report.
    func verifyFreshCloneOfMirror(after commit: String, from dir: String) throws -> (states: [String: String], report: [String: Any], clone: String) {
        try sandbox.git(["push", "-q", "--force", mirror, "\(commit):refs/heads/postmortems"], in: dir)
        let clone = tmp.path + "/fresh-\(UUID().uuidString.prefix(6)).git"
        try sandbox.git(["clone", "-q", "--bare", mirror, clone], in: tmp.path)
        let empty = tmp.sub("empty-home-\(UUID().uuidString.prefix(6))")
        let r = try sandbox.inquest(["--branch", "postmortems", "verify", "--json"], in: clone, env: ["HOME": empty])
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        var states: [String: String] = [:]
        for c in report["commits"] as! [[String: Any]] {
            states[c["commit"] as! String] = (c["signature"] as! [String: Any])["state"] as? String
        }
        for id in report["pre_trust"] as? [String] ?? [] { states[id] = "pre-trust" }
        return (states, report, clone)
    }
}
