import Foundation
import Testing
import TestSupport

/// The README's "Setting up a team" guide, run block by block as the person each block
/// names, against a real `git daemon` whose repository has the server hook. If a command
/// in the guide stops working, or the guide and the tool drift apart, this fails.
@Suite struct TeamGuideTests {
    static let now = "2026-12-01T12:00:00Z"

    struct Block {
        let person: String
        let script: String
    }

    static func guideBlocks() throws -> [Block] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- team-guide:start -->"),
              let end = readme.range(of: "<!-- team-guide:end -->") else { return [] }
        var blocks: [Block] = []
        var current: [String]?
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "```sh" { current = []; continue }
            if line == "```", let lines = current {
                let person = lines.first.map { $0.dropFirst(2).trimmingCharacters(in: .whitespaces) } ?? ""
                blocks.append(Block(person: person, script: lines.dropFirst().joined(separator: "\n")))
                current = nil
                continue
            }
            current?.append(String(line))
        }
        return blocks
    }

    @Test func everyBlockOfTheGuideRunsAsWritten() throws {
        let blocks = try Self.guideBlocks()
        let commands = blocks.map(\.script).joined(separator: "\n")
        // The guide covers the team's whole year, not a fragment of it.
        for needed in ["hooks install --server", "inquest init", "inquest hooks install", "inquest trust add",
                       "inquest policy edit", "inquest sync", "inquest conflicts", "inquest resolve", "inquest approve",
                       "inquest followup review", "inquest status \"$ID\" closed", "inquest verify"] {
            #expect(commands.contains(needed), "the guide lost `\(needed)`")
        }
        #expect(blocks.allSatisfy { ["server", "ada", "bob", "carol"].contains($0.person) }, "\(blocks.map(\.person))")

        let tmp = TempDir("team-guide")
        let base = tmp.sub("srv")
        let serverRepo = base + "/payments.git"
        var admin = Sandbox(home: tmp.sub("home-server"))
        // The server's hook keeps the same (pinned) clock as the people in the guide: it
        // refuses times in its future.
        admin.environment["INQUEST_NOW"] = Self.now
        try admin.git(["init", "-q", "--bare", serverRepo], in: base)
        let seed = tmp.sub("seed")
        try admin.makeRepository(seed)
        try admin.git(["push", "-q", serverRepo, "HEAD:refs/heads/main"], in: seed)
        try admin.git(["symbolic-ref", "HEAD", "refs/heads/main"], in: serverRepo)
        let daemon = try GitDaemon(base: base, sandbox: admin)

        let names = ["ada": "Ada", "bob": "Bob", "carol": "Carol"]
        var homes: [String: String] = ["server": tmp.sub("home-server")]
        for (login, _) in names {
            let home = tmp.sub("home-\(login)")
            try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
            try Keys.ssh(home + "/.ssh/id_ed25519", comment: "\(login)@example.com")
            homes[login] = home
        }
        // What people send each other: public keys, by mail.
        for login in ["bob", "carol"] {
            try FileManager.default.copyItem(atPath: homes[login]! + "/.ssh/id_ed25519.pub", toPath: homes["ada"]! + "/\(login).pub")
        }
        let bin = URL(fileURLWithPath: Binaries.inquest).deletingLastPathComponent().path
        let state = tmp.path + "/shared-variables.sh"
        try "".write(toFile: state, atomically: true, encoding: .utf8)

        for (n, block) in blocks.enumerated() {
            let home = homes[block.person]!
            var sandbox = Sandbox(home: home)
            let name = names[block.person] ?? "Server Admin"
            sandbox.environment["PATH"] = bin + ":" + (sandbox.environment["PATH"] ?? "")
            sandbox.environment.merge([
                "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": "\(block.person)@example.com",
                "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": "\(block.person)@example.com",
                "REPO_URL": daemon.url("payments.git"), "SERVER_REPO": serverRepo,
                "INQUEST_NOW": Self.now,
                // The one interactive step: Ada's edit of the policy.
                "GIT_EDITOR": "sed -i 's/require_signed: false/require_signed: true/'",
            ]) { $1 }
            // Variables the guide sets (an incident's ID) are what people tell each other.
            let assigned = block.script.split(separator: "\n").compactMap { line in
                (try? #/^([A-Z_]+)=/#.firstMatch(in: line)).flatMap { $0 }.map { String($0.1) }
            }
            let cwdFile = home + "/.guide-cwd"
            let script = """
                set -e
                . \(state)
                [ -f \(cwdFile) ] && cd "$(cat \(cwdFile))"
                \(block.script)
                pwd > \(cwdFile)
                \(assigned.map { "declare -p \($0) >> \(state)" }.joined(separator: "\n"))
                """
            let r = try sandbox.run("/bin/bash", ["-c", script], cwd: home)
            #expect(r.status == 0, "block \(n + 1) as \(block.person) failed (\(r.status)):\n\(block.script)\n\(r.stderr)")
            if r.status != 0 { return }
        }

        // The end state: the server has the closed incident, and a fresh clone with an
        // empty HOME verifies every commit.
        let fresh = Sandbox(home: tmp.sub("home-auditor"))
        let clone = tmp.path + "/audit"
        try fresh.git(["clone", "-q", daemon.url("payments.git"), clone], in: tmp.path)
        try fresh.git(["fetch", "-q", "origin", "postmortems:postmortems"], in: clone)
        let list = try fresh.inquest(["list", "--json"], in: clone)
        #expect(list.stdout.contains("\"status\" : \"closed\"") || list.stdout.contains("\"status\": \"closed\""), "\(list.stdout)")
        let verify = try fresh.inquest(["verify"], in: clone)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(!verify.stdout.contains("unsigned  ") && !verify.stdout.contains("untrusted "), "\(verify.stdout)")
    }
}
