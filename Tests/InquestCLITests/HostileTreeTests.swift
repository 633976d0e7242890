import Foundation
import Testing
import TestSupport

/// Junk in the tree of the data branch, crafted with git plumbing as an attacker would and
/// pushed through a real `git daemon` to a server with Inquest's hooks: each is refused,
/// naming the path, and the server's branch does not move. `check` reports the same on a
/// clone that has it, readers go on with a warning, and writes never replace it.
@Suite struct HostileTreeTests {
    /// Builds trees with `git mktree`, which (unlike the index) accepts any name.
    struct Plumber {
        let sandbox: Sandbox
        let repo: String

        func git(_ args: String...) throws -> String { try sandbox.git(args, in: repo).trimmed }

        /// `tree` with the entry at `path` set to (`mode`, `oid`); folders are made as needed.
        func put(_ tree: String?, _ path: [String], mode: String, oid: String) throws -> String {
            var lines = try tree.map { try sandbox.git(["ls-tree", $0], in: repo).lines } ?? []
            let name = path[0]
            lines.removeAll { $0.hasSuffix("\t\(name)") }
            if path.count == 1 {
                let type = mode == "040000" ? "tree" : mode == "160000" ? "commit" : "blob"
                lines.append("\(mode) \(type) \(oid)\t\(name)")
            } else {
                let sub = try tree.flatMap { t -> String? in
                    let l = try sandbox.git(["ls-tree", t], in: repo).lines.first { $0.hasSuffix("\t\(name)") } ?? ""
                    return l.hasPrefix("040000") ? String(l.split(separator: " ")[2].prefix(40)) : nil
                }
                lines.append("040000 tree \(try put(sub, Array(path.dropFirst()), mode: mode, oid: oid))\t\(name)")
            }
            let r = try sandbox.run("git", ["mktree", "--missing"], cwd: repo, stdin: lines.joined(separator: "\n") + "\n")
            #expect(r.status == 0, "mktree: \(r.stderr)")
            return r.trimmed
        }

        func blob(_ text: String) throws -> String {
            try sandbox.run("git", ["hash-object", "-w", "--stdin"], cwd: repo, stdin: text).trimmed
        }

        /// Commits `tree` on top of the data branch and moves the branch there (no hooks).
        func commit(_ tree: String, _ message: String) throws {
            let parent = try git("rev-parse", "refs/heads/postmortems")
            let c = try git("commit-tree", tree, "-p", parent, "-m", message)
            _ = try git("update-ref", "refs/heads/postmortems", c, parent)
        }
    }

    struct Attack: CustomStringConvertible, Sendable {
        let name: String
        /// Path parts relative to the incident folder ("" = the branch root), mode, content
        let path: [String]
        let fromRoot: Bool
        let mode: String
        let kind: Kind
        let expect: String
        enum Kind: Sendable { case blob, symlink, gitlink, duplicate, emptyTree }
        var description: String { name }
    }

    static let attacks: [Attack] = [
        Attack(name: "duplicate incident folder", path: [], fromRoot: false, mode: "040000", kind: .duplicate, expect: "which is also at"),
        Attack(name: "entry named ..", path: ["..", "x.md"], fromRoot: false, mode: "100644", kind: .blob, expect: "is named '..'"),
        Attack(name: "entry named .", path: ["timeline", "."], fromRoot: false, mode: "100644", kind: .blob, expect: "is named '.'"),
        Attack(name: ".git folder at the root", path: [".git", "config"], fromRoot: true, mode: "100644", kind: .blob, expect: "is named like '.git'"),
        Attack(name: ".GIT in an incident", path: [".GIT", "hooks", "post-checkout"], fromRoot: false, mode: "100755", kind: .blob, expect: "is named like '.git'"),
        Attack(name: "git~1 short name", path: ["git~1"], fromRoot: true, mode: "100644", kind: .blob, expect: "is named like '.git'"),
        Attack(name: "symlink as incident.md", path: ["incident.md"], fromRoot: false, mode: "120000", kind: .symlink, expect: "is a symbolic link"),
        Attack(name: "symlink in .inquest", path: [".inquest", "policy.yml"], fromRoot: true, mode: "120000", kind: .symlink, expect: "is a symbolic link"),
        Attack(name: "gitlink in findings", path: ["findings", "F-AAAAAAAAAA.md"], fromRoot: false, mode: "160000", kind: .gitlink, expect: "is a gitlink"),
        Attack(name: "file where timeline/ belongs", path: ["timeline"], fromRoot: false, mode: "100644", kind: .blob, expect: "is a file where the timeline folder belongs"),
        Attack(name: "folder where incident.md belongs", path: ["incident.md", "x"], fromRoot: false, mode: "100644", kind: .blob, expect: "is a folder where the incident's file belongs"),
        Attack(name: "stray file in an incident", path: ["notes.txt"], fromRoot: false, mode: "100644", kind: .blob, expect: "is not a record"),
        Attack(name: "stray file under incidents/", path: ["incidents", "README.md"], fromRoot: true, mode: "100644", kind: .blob, expect: "is a file where a month folder"),
        Attack(name: "wrongly named record", path: ["findings", "evil.md"], fromRoot: false, mode: "100644", kind: .blob, expect: "is not a finding file"),
        Attack(name: "folders nested 40 deep", path: Array(repeating: "d", count: 40) + ["x"], fromRoot: true, mode: "100644", kind: .blob, expect: "is nested deeper than 32 folders"),
    ]

    /// Applies `attack` to the data branch of `repo` (a commit on top of its tip).
    static func apply(_ attack: Attack, sandbox: Sandbox, repo: String, incident: String) throws -> [String] {
        let p = Plumber(sandbox: sandbox, repo: repo)
        let tip = try p.git("rev-parse", "postmortems^{tree}")
        let dir = try p.git("ls-tree", "-r", "--name-only", "postmortems").lines
            .first { $0.contains(incident) && $0.hasSuffix("/incident.md") }!.split(separator: "/").dropLast().map(String.init)
        let oid: String
        switch attack.kind {
        case .blob: oid = try p.blob("hostile\n")
        case .symlink: oid = try p.blob("/etc/passwd")
        case .gitlink: oid = try p.git("rev-parse", "postmortems")
        case .duplicate, .emptyTree: oid = try p.git("rev-parse", "postmortems:\(dir.joined(separator: "/"))")
        }
        let path: [String]
        if attack.kind == .duplicate {
            path = ["incidents", "2025-01", dir.last!]
        } else {
            path = attack.fromRoot ? attack.path : dir + attack.path
        }
        let tree = try p.put(tip, path, mode: attack.mode, oid: oid)
        try p.commit(tree, "hostile: \(attack.name)")
        return path
    }

    @Test(arguments: attacks) func theServerHookRefusesIt(_ attack: Attack) throws {
        let s = try HookTests.Server()
        let id = try s.inq("new", "Target")
        #expect(try s.push("origin", "postmortems").status == 0)
        let before = s.serverTip
        let path = try Self.apply(attack, sandbox: s.fx.sandbox, repo: s.clone, incident: id)
        let r = try s.push("origin", "postmortems")
        #expect(r.status != 0, "\(attack.name) was accepted")
        #expect(r.stderr.contains(attack.expect), "\(attack.name): \(r.stderr)")
        // The problem names the path where the tree goes wrong (the entry or a folder above it).
        #expect((1...path.count).contains { r.stderr.contains(path.prefix($0).joined(separator: "/") + ": ") }
                || (attack.kind == .duplicate && r.stderr.contains(path.joined(separator: "/"))),
                "\(attack.name): \(path) not named in \(r.stderr)")
        #expect(s.serverTip == before, "\(attack.name): the server branch moved")

        // The clone that has it: `check` fails on it (exit 1), readers carry on.
        let check = try s.fx.sandbox.inquest(["check"], in: s.clone)
        #expect(check.status == 1, "\(attack.name): check exited \(check.status)")
        #expect(check.stdout.contains(attack.expect))
        for reader in [["list"], ["stats"], ["followups"]] {
            let r = try s.fx.sandbox.inquest(reader, in: s.clone)
            #expect(r.status == 0 || r.status == 2, "\(attack.name): \(reader) exited \(r.status): \(r.stderr)")
            #expect(r.status < 128)
        }
    }

    @Test func syncRefusesAHostileRemoteAndMergesNothing() throws {
        let fx = try Fixture(bare: true, initialize: true)
        let sb = fx.sandbox
        let a = fx.tmp.path + "/a", b = fx.tmp.path + "/b"
        try sb.git(["clone", "-q", fx.repo, a], in: fx.tmp.path)
        try sb.git(["clone", "-q", fx.repo, b], in: fx.tmp.path)
        try sb.ok(["sync"], in: a)
        let id = try sb.ok(["new", "Target"], in: a)
        try sb.ok(["sync"], in: a)
        try sb.ok(["sync"], in: b)
        // The server has no hooks: someone pushes a symlink by hand.
        _ = try Self.apply(Self.attacks[6], sandbox: sb, repo: a, incident: id)
        try sb.git(["push", "-q", "origin", "postmortems"], in: a)
        try sb.ok(["new", "Local work"], in: b)
        let before = try sb.git(["rev-parse", "postmortems"], in: b).trimmed
        let r = try sb.inquest(["sync"], in: b)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("is a symbolic link"))
        #expect(r.stderr.contains("nothing was merged"))
        #expect(try sb.git(["rev-parse", "postmortems"], in: b).trimmed == before)
    }

    @Test func duplicateIDsNameBothFoldersAndUnreadableRecordsAreSkippedByReaders() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Twice")
        let other = try fx.ok("new", "Fine")
        _ = try Self.apply(Self.attacks[0], sandbox: fx.sandbox, repo: fx.repo, incident: id)
        let show = try fx.run(["show", id])
        #expect(show.status == 2)
        #expect(show.stderr.contains("incidents/2025-01/\(id)/incident.md"))
        #expect(show.stderr.contains("incidents/2026-11/\(id)/incident.md"))
        // An unreadable record: `list` and `stats` go on and name the file.
        try fx.editIncident(other) { _ in "---\ntitle: [unclosed\n---\n" }
        let list = try fx.run(["list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stderr.contains("warning: skipped"))
        #expect(list.stderr.contains("\(other)/incident.md"))
        #expect(list.stdout.contains(id))
        let stats = try fx.run(["stats"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stderr.contains("\(other)/incident.md"))
        let check = try fx.run(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("\(other)/incident.md"))
    }

    @Test func aWriteNeverReplacesAFileWhereItsFolderBelongs() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Target")
        _ = try Self.apply(Self.attacks[9], sandbox: fx.sandbox, repo: fx.repo, incident: id)
        let tip = fx.tip
        let r = try fx.run(["timeline", "add", id, "--at", "2026-11-28T10:00Z", "Checked the logs"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/timeline on the 'postmortems' branch is not a folder"))
        #expect(fx.tip == tip)
        #expect(try fx.git("cat-file", "-p", "postmortems:\(try fx.incidentPath(id).replacingOccurrences(of: "incident.md", with: "timeline"))").contains("hostile"))
    }
}
