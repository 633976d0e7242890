// The sync benchmark: N records changed on each side of a divergence, merged by Inquest
// (in-process, exactly what `inquest sync` runs between fetch and push) and by a plain
// `git merge` of the same two branches in a worktree, with no merge driver configured so
// it is git's textual merge. Optionally (--inquest PATH) also `git merge` with Inquest's
// merge driver, and a whole `inquest sync` against a local bare repository.
//
//   swift build -c release --product inquest-bench --product inquest
//   .build/release/inquest-bench [--records 1000] [--inquest .build/release/inquest] [--keep]
//
// See Benchmarks/README.md for what it reports.
import Foundation
import GitKit
import InquestCore

struct Options {
    var records = 1000
    var inquest: String?
    var keep = false

    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--records" where i + 1 < args.count: records = Int(args[i + 1]) ?? records; i += 1
            case "--inquest" where i + 1 < args.count: inquest = args[i + 1]; i += 1
            case "--keep": keep = true
            default:
                FileHandle.standardError.write(Data("usage: inquest-bench [--records N] [--inquest PATH] [--keep]\n".utf8))
                exit(2)
            }
            i += 1
        }
    }
}

/// Everything runs in one function: locals rather than globals, which Swift 6 would tie to the main actor.
func runBenchmark() throws {
    let options = Options(Array(CommandLine.arguments.dropFirst()))
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("inquest-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
    defer { if !options.keep { try? FileManager.default.removeItem(atPath: root) } }

    // Hermetic git: no user or system config, fixed identity.
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = root + "/home"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    for (k, v) in ["GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
                   "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com", "LC_ALL": "C"] { env[k] = v }

    @discardableResult
    func git(_ args: [String], in dir: String, allowFailure: Bool = false) throws -> ProcessRunner.Result {
        let r = try ProcessRunner.run("git", args, environment: env, cwd: dir)
        if r.status != 0 && !allowFailure {
            FileHandle.standardError.write(Data("git \(args.joined(separator: " ")) failed: \(r.stderrText)\n".utf8))
            exit(1)
        }
        return r
    }

    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func looseObjects(_ gitDir: String) -> Int {
        var n = 0
        for i in 0..<256 {
            let dir = gitDir + "/objects/" + String(format: "%02x", i)
            n += (try? FileManager.default.contentsOfDirectory(atPath: dir).count) ?? 0
        }
        return n
    }

    let n = options.records
    let repoPath = root + "/repo"
    try git(["init", "-q", "-b", "main", repoPath], in: root)
    let setup = try Store.open(path: repoPath, branch: "postmortems", environment: env)
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    _ = try Postmortems(store: setup, now: now).initialize()

    // The base: N incidents with a narrative, in one commit.
    var locations: [(Incident, String)] = []
    try setup.write(try Writer.decide(for: setup, choice: false)) { _, changes in
        for k in 0..<n {
            var i = Incident(id: RecordID.generate(.incident), title: "Incident \(k)", severity: .sev3,
                             created: Timestamp(seconds: 1_795_000_000 + Int64(k)))
            i.sections.set("summary", "What happened to system \(k).\n\nHow it was found.\n\nWhat was done.")
            let path = Layout.incidentPath(dir: Layout.incidentDir(i.id, created: i.created))
            changes.put(i, at: path)
            locations.append((i, path))
        }
        return "bench: \(n) incidents"
    }
    let base = try setup.tip!

    // Two sides change every record, in different fields: the owner and a tag on ours; the
    // customer impact and the summary's last paragraph on theirs.
    func side(_ branch: String, _ edit: @escaping (inout Incident) -> Void) throws -> OID {
        try setup.repository.updateReference("refs/heads/\(branch)", to: base, expecting: nil, message: "bench")
        let s = Store(repository: setup.repository, branch: branch, environment: env)
        try s.write(try Writer.decide(for: s, choice: false)) { _, changes in
            for (incident, path) in locations {
                var i = incident
                edit(&i)
                changes.put(i, at: path)
            }
            return "bench: \(branch) changes \(n) records"
        }
        return try s.tip!
    }
    let ours = try side("ours") { $0.owner = "alice"; $0.tags.append("triaged") }
    let theirs = try side("theirs") {
        $0.customerImpact = true
        $0.sections.set("summary", "What happened to system.\n\nHow it was found.\n\nWhat was done, and why.")
    }
    // Packed, as a real repository mostly is; then a fresh handle, as `inquest sync` has.
    try git(["gc", "-q"], in: repoPath)
    let looseBefore = looseObjects(repoPath + "/.git")
    let store = try Store.open(path: repoPath, branch: "postmortems", environment: env)

    // Inquest: the merge `inquest sync` makes, commit included (the branch is not moved).
    var merged: TreeMergeResult!
    let inquestTime = try seconds {
        merged = try store.mergeCommit(try Writer.decide(for: store, choice: false), ours: ours, theirs: theirs, subject: "sync: merge bench").result
        store.repository.packIfNeeded()
    }
    let looseAfter = looseObjects(repoPath + "/.git")

    // git: a plain textual merge of the same branches in a worktree (no driver configured).
    try git(["config", "--unset-all", "merge.inquest.driver"], in: repoPath, allowFailure: true)
    let wt = root + "/wt-text"
    try git(["worktree", "add", "-q", "-b", "text-merge", wt, ours.hex], in: repoPath)
    var gitStatus: Int32 = 0
    let gitTime = try seconds { gitStatus = try git(["merge", "-q", "--no-edit", theirs.hex], in: wt, allowFailure: true).status }
    let unmerged = try git(["diff", "--name-only", "--diff-filter=U"], in: wt).stdoutText.split(separator: "\n").count
    let gitTree = try git(["rev-parse", "HEAD^{tree}"], in: wt).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)

    print("Inquest sync benchmark: \(n) records changed on each side of a divergence")
    print(String(format: "  inquest merge (in-process, as `inquest sync`): %7.3f s  %d records merged, %d conflicts",
                 inquestTime, merged.changedRecords.count, merged.conflicts.count))
    print(String(format: "  git merge (textual, no driver, in a worktree): %7.3f s  exit %d, %d unmerged files",
                 gitTime, gitStatus, unmerged))
    print(String(format: "  ratio inquest / git textual:                   %7.2f", inquestTime / gitTime))
    print("  same tree as git's textual merge:              \(gitTree == merged.tree.hex ? "yes" : "no")")
    print("  loose objects before / after the inquest merge: \(looseBefore) / \(looseAfter)")

    if let inquest = options.inquest {
        // git merge with Inquest's merge driver: one process per record.
        let exe = URL(fileURLWithPath: inquest).standardizedFileURL.path
        try git(["config", "merge.inquest.driver", "'\(exe)' merge-driver %O %A %B %P"], in: repoPath)
        let wt2 = root + "/wt-driver"
        try git(["worktree", "add", "-q", "-b", "driver-merge", wt2, ours.hex], in: repoPath)
        var status: Int32 = 0
        let driverTime = try seconds { status = try git(["merge", "-q", "--no-edit", theirs.hex], in: wt2, allowFailure: true).status }
        let driverTree = try git(["rev-parse", "HEAD^{tree}"], in: wt2).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        print(String(format: "  git merge with inquest's merge driver:         %7.3f s  exit %d, same tree: %@",
                     driverTime, status, driverTree == merged.tree.hex ? "yes" : "no"))

        // A whole `inquest sync`: fetch, merge, commit, push against a local bare repository.
        let server = root + "/server.git"
        try git(["init", "-q", "--bare", server], in: root)
        try git(["push", "-q", server, "\(theirs.hex):refs/heads/postmortems"], in: repoPath)
        try git(["remote", "add", "origin", server], in: repoPath)
        try store.repository.updateReference(store.referenceName, to: ours, expecting: try store.tip, message: "bench")
        var syncResult: ProcessRunner.Result!
        let syncTime = try seconds {
            syncResult = try ProcessRunner.run(exe, ["sync"], environment: env, cwd: repoPath)
        }
        print(String(format: "  inquest sync (fetch + merge + push, local):    %7.3f s  exit %d",
                     syncTime, syncResult.status))
    }
    if options.keep { print("  kept in \(root)") }
}

do {
    try runBenchmark()
} catch {
    FileHandle.standardError.write(Data("inquest-bench: \(error)\n".utf8))
    exit(1)
}
