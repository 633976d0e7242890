import Foundation
import Testing
import TestSupport

/// A repository with an initialised data branch, driven through the real binary.
struct Fixture {
    let tmp = TempDir()
    let sandbox: Sandbox
    let repo: String

    init(bare: Bool = false, initialize: Bool = true) throws {
        sandbox = Sandbox(home: tmp.sub("home"))
        if bare {
            repo = tmp.path + "/server.git"
            try sandbox.git(["init", "-q", "--bare", repo], in: tmp.path)
        } else {
            repo = tmp.sub("repo")
            try sandbox.makeRepository(repo)
        }
        if initialize { try sandbox.ok(["init"], in: repo) }
    }

    @discardableResult
    func ok(_ args: String...) throws -> String { try sandbox.ok(args, in: repo) }
    @discardableResult
    func ok(_ args: [String]) throws -> String { try sandbox.ok(args, in: repo) }
    func run(_ args: [String], env: [String: String] = [:]) throws -> ProcessResult {
        try sandbox.inquest(args, in: repo, env: env)
    }
    @discardableResult
    func git(_ args: String...) throws -> String { try sandbox.git(args, in: repo) }

    /// Changes the data branch with plain git, as a person would: in a worktree detached at
    /// the branch's tip, committed, then the branch moved to that commit. `edit` gets the
    /// worktree's path. Works on a clone too (`repo`).
    func editBranch(in repo: String? = nil, message: String, _ edit: (String) throws -> Void) throws {
        let repo = repo ?? self.repo
        let wt = tmp.path + "/wt-\(UUID().uuidString.prefix(8))"
        let old = try sandbox.git(["rev-parse", "refs/heads/postmortems"], in: repo).trimmed
        try sandbox.git(["worktree", "add", "-q", "--detach", wt, old], in: repo)
        try edit(wt)
        try sandbox.git(["add", "-A"], in: wt)
        try sandbox.git(["commit", "-q", "--no-verify", "-m", message], in: wt)
        let new = try sandbox.git(["rev-parse", "HEAD"], in: wt).trimmed
        try sandbox.git(["update-ref", "refs/heads/postmortems", new, old], in: repo)
        try sandbox.git(["worktree", "remove", "--force", wt], in: repo)
    }

    /// Rewrites one incident's incident.md by hand; returns its path on the branch.
    @discardableResult
    func editIncident(_ id: String, in repo: String? = nil, message: String = "hand edit",
                      _ change: @escaping (String) -> String) throws -> String {
        let rel = try incidentPath(id, in: repo)
        try editBranch(in: repo, message: message) { wt in
            let text = try String(contentsOfFile: wt + "/" + rel, encoding: .utf8)
            try change(text).write(to: wt + "/" + rel)
        }
        return rel
    }

    func incidentPath(_ id: String, in repo: String? = nil) throws -> String {
        try sandbox.git(["ls-tree", "-r", "--name-only", "postmortems"], in: repo ?? self.repo).lines
            .first { $0.contains(id) && $0.hasSuffix("/incident.md") }!
    }

    /// `show ID --json`, parsed.
    func showJSON(_ id: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try ok("show", id, "--json").utf8)) as! [String: Any]
    }

    var tip: String { (try? git("rev-parse", "--verify", "-q", "refs/heads/postmortems"))?.trimmed ?? "" }

    /// A full sev1 postmortem written through the CLI; returns the incident ID.
    func writeFullPostmortem(cli: (([String]) throws -> String)? = nil) throws -> String {
        let run = cli ?? { try self.ok($0) }
        let id = try run(["new", "Leaked deploy key", "--severity", "sev1", "--customer-impact", "--owner", "alice",
                          "--started", "2026-11-27 09:00", "--detected", "2026-11-27T09:40Z"])
        _ = try run(["set", id, "summary=A deploy key leaked through a public gist.",
                     "impact=Two customers saw failed deploys for 3 hours.",
                     "technical_summary=The key was pasted into a gist.\nEvidence: audit log.",
                     "actors=Unknown", "response=Rotated the key, audited access.",
                     "takeaways=Scan gists for secrets.", "contained=2026-11-27T11:00Z",
                     "resolved=2026-11-27T13:00Z"])
        _ = try run(["timeline", "add", id, "--at", "2026-11-27T09:40Z", "--kind", "detection", "Secret scanner alert"])
        _ = try run(["timeline", "add", id, "--at", "2026-11-27T10:10Z", "--kind", "escalation", "Paged security on-call"])
        _ = try run(["timeline", "add", id, "--at", "2026-11-27T11:00Z", "--kind", "containment", "Key revoked"])
        let f1 = try run(["finding", "add", id, "--category", "technical-lapse", "--evidence", "https://logs.example/a",
                          "Secrets not scanned before publishing"])
        let f2 = try run(["finding", "add", id, "--category", "process-flaw", "--evidence", "runbook.md",
                          "No rotation runbook"])
        _ = try run(["followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-15", "--priority", "p1",
                     "--finding", f1, "Add pre-publish secret scan"])
        _ = try run(["followup", "add", id, "--kind", "sop-update", "--owner", "carol", "--due", "2026-12-20",
                     "--finding", f2, "Write rotation runbook"])
        _ = try run(["status", id, "resolved"])
        _ = try run(["status", id, "review"])
        return id
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var lines: [String] { split(separator: "\n").map(String.init) }
}

/// The user's side of a repository: HEAD, index and every file, byte for byte.
struct CheckoutState: Equatable {
    let head: String
    let index: Data
    let files: [String: Data]

    init(_ fixture: Fixture) throws {
        head = try String(contentsOfFile: fixture.repo + "/.git/HEAD", encoding: .utf8)
            + ((try? fixture.git("rev-parse", "HEAD")) ?? "")
        index = (try? Data(contentsOf: URL(fileURLWithPath: fixture.repo + "/.git/index"))) ?? Data()
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: fixture.repo)
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in e {
            let rel = String(url.path.dropFirst(root.path.count + 1))
            if rel == ".git" || rel.hasPrefix(".git/") { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = try Data(contentsOf: url)
            }
        }
        self.files = files
    }
}
