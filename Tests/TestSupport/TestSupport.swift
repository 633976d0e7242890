import Foundation

/// A temporary directory removed when the value is released.
public final class TempDir: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "inquest-test") {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Resolve symlinks (e.g. /tmp) so paths compare equal to what git reports.
        path = base.resolvingSymlinksInPath().path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func sub(_ name: String) -> String {
        let p = (path as NSString).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }
}

/// What a spawned process did.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public var trimmed: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
}

public struct CommandFailed: Error, CustomStringConvertible {
    public let description: String
}

/// A hermetic environment for running git and inquest: a private HOME, no system or global
/// git config, fixed identity, UTC, C locale (ideas from jj's and git-branchless's test setups).
public struct Sandbox: Sendable {
    public let home: String
    public var environment: [String: String]

    public init(home: String) {
        self.home = home
        let inherited = ProcessInfo.processInfo.environment
        environment = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_AUTHOR_NAME": "Alice Example",
            "GIT_AUTHOR_EMAIL": "alice@example.com",
            "GIT_COMMITTER_NAME": "Alice Example",
            "GIT_COMMITTER_EMAIL": "alice@example.com",
            "TZ": "UTC",
            "LC_ALL": "C",
            "GIT_TERMINAL_PROMPT": "0",
            "INQUEST_NOW": "2026-11-28T12:00:00Z",
        ]
        // Under scripts/sanitize the binaries the tests spawn are sanitized too; they take
        // the same options as the test process (leak checking off, halt on error).
        for key in ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"] {
            if let value = inherited[key] { environment[key] = value }
        }
    }

    /// Runs a program; output goes through files so large outputs cannot deadlock.
    @discardableResult
    public func run(_ executable: String, _ args: [String], cwd: String, env extra: [String: String] = [:],
                    stdin: String? = nil) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        p.arguments = executable.hasPrefix("/") ? args : [executable] + args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        p.environment = environment.merging(extra) { $1 }
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        p.standardOutput = outHandle
        p.standardError = errHandle
        if let stdin {
            let inURL = scratch.appendingPathComponent("in")
            try Data(stdin.utf8).write(to: inURL)
            p.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            p.standardInput = FileHandle.nullDevice
        }
        try p.run()
        p.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return ProcessResult(status: p.terminationStatus,
                             stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs git and returns its stdout; throws with stderr when it fails.
    @discardableResult
    public func git(_ args: [String], in cwd: String, env: [String: String] = [:]) throws -> String {
        let r = try run("git", args, cwd: cwd, env: env)
        guard r.status == 0 else {
            throw CommandFailed(description: "git \(args.joined(separator: " ")) failed (\(r.status)): \(r.stderr)")
        }
        return r.stdout
    }

    /// Runs the built `inquest` binary.
    @discardableResult
    public func inquest(_ args: [String], in cwd: String, env: [String: String] = [:],
                        stdin: String? = nil) throws -> ProcessResult {
        try run(Binaries.inquest, args, cwd: cwd, env: env, stdin: stdin)
    }

    /// Runs inquest and returns stdout, throwing if it did not exit 0.
    @discardableResult
    public func ok(_ args: [String], in cwd: String, env: [String: String] = [:]) throws -> String {
        let r = try inquest(args, in: cwd, env: env)
        guard r.status == 0 else {
            throw CommandFailed(description: "inquest \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
        }
        return r.trimmed
    }

    /// A new non-bare repository with one commit on main.
    public func makeRepository(_ path: String, commit: Bool = true) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main", path], in: home)
        guard commit else { return }
        try "hello\n".write(toFile: path + "/README", atomically: true, encoding: .utf8)
        try git(["add", "README"], in: path)
        try git(["commit", "-q", "-m", "first"], in: path)
    }
}

public enum Binaries {
    /// The `inquest` executable under test: `INQUEST_BIN`, or the one built beside the tests.
    public static let inquest: String = {
        if let env = ProcessInfo.processInfo.environment["INQUEST_BIN"] { return env }
        var candidates: [String] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = argv0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("inquest").path)
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/inquest").path)
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) { return c }
        fatalError("inquest binary not found; build it first (looked in \(candidates))")
    }()
}

extension String {
    public func write(to path: String) throws {
        try write(toFile: path, atomically: true, encoding: .utf8)
    }
}
