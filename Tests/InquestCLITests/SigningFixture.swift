import Foundation
import Testing
import TestSupport

/// A test step that went wrong, with what the program said.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Someone with a real ed25519 SSH key.
struct Person {
    let name: String
    let email: String
    /// The private key file; `key + ".pub"` is the public key.
    let key: String
    var pub: String { key + ".pub" }
    var pubLine: String { (try? String(contentsOfFile: pub, encoding: .utf8))?.trimmed ?? "" }

    /// The identity git and inquest pick up from the environment.
    var env: [String: String] {
        ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email]
    }
}

/// A repository whose users sign with SSH keys configured as git uses them
/// (`gpg.format ssh`, `user.signingkey` = the private key file, `commit.gpgsign true`).
struct SSHWorld {
    let fx: Fixture
    let alice: Person
    let bob: Person
    let mallory: Person

    init() throws {
        fx = try Fixture(initialize: false)
        let dir = fx.tmp.sub("keys")
        func person(_ name: String, _ email: String, _ file: String) throws -> Person {
            try Keys.ssh(dir + "/" + file, comment: email)
            return Person(name: name, email: email, key: dir + "/" + file)
        }
        alice = try person("Alice Example", "alice@example.com", "alice")
        bob = try person("Bob Builder", "bob@example.com", "bob")
        mallory = try person("Mallory Mole", "mallory@example.com", "mallory")
        try fx.git("config", "gpg.format", "ssh")
        try fx.git("config", "commit.gpgsign", "true")
    }

    /// Runs inquest as `p`: their identity, and their key as user.signingkey.
    func run(_ p: Person, _ args: [String], env: [String: String] = [:]) throws -> ProcessResult {
        try fx.git("config", "user.signingkey", p.key)
        return try fx.sandbox.inquest(args, in: fx.repo, env: p.env.merging(env) { $1 })
    }

    @discardableResult
    func ok(_ p: Person, _ args: String...) throws -> String { try ok(p, args) }

    @discardableResult
    func ok(_ p: Person, _ args: [String]) throws -> String {
        let r = try run(p, args)
        guard r.status == 0 else {
            throw Failure("inquest \(args.joined(separator: " ")) as \(p.name) exited \(r.status): \(r.stderr)")
        }
        return r.trimmed
    }

    /// Runs git as `p`, signing with their key.
    @discardableResult
    func git(_ p: Person, _ args: [String], in dir: String? = nil) throws -> String {
        try fx.sandbox.git(["-c", "user.signingkey=\(p.key)"] + args, in: dir ?? fx.repo, env: p.env)
    }

    /// An allowed-signers file for git, trusting these people.
    func allowedSigners(_ people: [Person]) throws -> String {
        let path = fx.tmp.path + "/allowed-\(people.map(\.email).joined(separator: "-"))"
        let text = people.map { p in
            let words = p.pubLine.split(separator: " ")
            return "\(p.email) \(words[0]) \(words[1])"
        }.joined(separator: "\n") + "\n"
        try text.write(to: path)
        return path
    }

    /// What `git verify-commit` says of each commit, trusting `people`.
    func gitVerifies(_ commit: String, trusting people: [Person]) throws -> Bool {
        let file = try allowedSigners(people)
        return try fx.sandbox.run("git", ["-c", "gpg.ssh.allowedSignersFile=\(file)", "verify-commit", commit],
                                  cwd: fx.repo).status == 0
    }

    var commits: [String] { (try? fx.git("rev-list", "postmortems"))?.lines ?? [] }
}

extension Fixture {
    /// A checkout of the data branch for editing by hand with plain git, brought up to date
    /// with the branch (inquest moves the branch without touching any checkout).
    /// A worktree with the data branch checked out, for commits by hand. Inquest refuses to
    /// move a checked-out branch, so release it (`releaseHand`) before the next CLI write.
    func handCheckout() throws -> String {
        let wt = tmp.path + "/hand"
        if !FileManager.default.fileExists(atPath: wt) {
            try git("worktree", "add", "-q", wt, "postmortems")
        } else {
            try sandbox.git(["switch", "-q", "--discard-changes", "postmortems"], in: wt)
        }
        try sandbox.git(["reset", "-q", "--hard"], in: wt)
        return wt
    }

    /// Detaches the hand worktree, leaving the branch where its last commit put it.
    func releaseHand() throws {
        try sandbox.git(["switch", "-q", "--detach"], in: tmp.path + "/hand")
    }

    /// The JSON output of an inquest command, parsed.
    func json(_ args: [String], in dir: String? = nil, env: [String: String] = [:]) throws -> Any {
        let r = try sandbox.inquest(args, in: dir ?? repo, env: env)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }
}
