import Foundation
import InquestCore
import Testing
import TestSupport

/// A team: a bare repository served by `git daemon` on 127.0.0.1, and clones that work
/// offline and sync through `git://127.0.0.1:PORT/repo.git`, all through the real binary.
final class Cluster {
    let tmp = TempDir("inquest-sync")
    let sandbox: Sandbox
    let daemon: GitDaemon
    /// The bare repository's path (for hooks and `git` checks).
    let server: String
    let url: String
    private(set) var clones: [String] = []

    init(clones count: Int) throws {
        sandbox = Sandbox(home: tmp.sub("home"))
        let base = tmp.sub("srv")
        server = base + "/repo.git"
        try sandbox.git(["init", "-q", "--bare", server], in: base)
        daemon = try GitDaemon(base: base, sandbox: sandbox)
        url = daemon.url("repo.git")
        let first = tmp.path + "/clone0"
        try sandbox.makeRepository(first)
        try sandbox.git(["remote", "add", "origin", url], in: first)
        clones = [first]
        try ok(0, "init")
        try ok(0, "sync")
        for i in 1..<count {
            let path = tmp.path + "/clone\(i)"
            try sandbox.git(["clone", "-q", url, path], in: tmp.path)
            clones.append(path)
            try ok(i, "sync")
        }
    }

    /// Each clone is a different person.
    func env(_ i: Int) -> [String: String] {
        ["GIT_AUTHOR_NAME": "Person \(i)", "GIT_AUTHOR_EMAIL": "p\(i)@example.com",
         "GIT_COMMITTER_NAME": "Person \(i)", "GIT_COMMITTER_EMAIL": "p\(i)@example.com"]
    }

    func run(_ i: Int, _ args: [String]) throws -> ProcessResult {
        try sandbox.inquest(args, in: clones[i], env: env(i))
    }

    @discardableResult
    func ok(_ i: Int, _ args: String...) throws -> String {
        let r = try run(i, args)
        guard r.status == 0 else {
            throw ClusterError(description: "clone\(i): inquest \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
        }
        return r.trimmed
    }

    @discardableResult
    func git(_ i: Int, _ args: String...) throws -> String { try sandbox.git(args, in: clones[i], env: env(i)) }

    func tip(_ i: Int) throws -> String { try git(i, "rev-parse", "refs/heads/postmortems").trimmed }
    var serverTip: String { get throws { try sandbox.git(["rev-parse", "refs/heads/postmortems"], in: server).trimmed } }

    func show(_ i: Int, _ id: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try ok(i, "show", id, "--json").utf8)) as! [String: Any]
    }

    func conflicts(_ i: Int) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(try ok(i, "conflicts", "--json").utf8)) as! [[String: Any]]
    }

    /// Every file of a revision, records parsed and re-serialized with the conflicts' commit
    /// ids left out (a merge driver cannot know them), everything else byte for byte.
    func records(_ i: Int, _ rev: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in try git(i, "ls-tree", "-r", "--name-only", rev).lines {
            let data = Data(try git(i, "show", "\(rev):\(path)").utf8)
            guard let kind = Self.kind(path) else { out[path] = data; continue }
            var record = try AnyRecord(kind: kind, data: data, path: path)
            record.conflicts = record.conflicts.map {
                FieldConflict(field: $0.field, base: $0.base, ours: $0.ours, theirs: $0.theirs)
            }
            out[path] = record.serialized()
        }
        return out
    }

    static func kind(_ path: String) -> RecordKind? {
        guard path.hasPrefix("incidents/") else { return nil }
        if path.hasSuffix("/incident.md") { return .incident }
        if path.contains("/timeline/") { return .event }
        if path.contains("/findings/") { return .finding }
        if path.contains("/followups/") { return .followUp }
        return nil
    }

    /// No record on the tip carries conflict markers, and every one parses.
    func expectCleanRecords(_ i: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (path, data) in try records(i, "refs/heads/postmortems") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "\(path) has conflict markers",
                    sourceLocation: sourceLocation)
        }
    }
}

struct ClusterError: Error, CustomStringConvertible {
    let description: String
}
