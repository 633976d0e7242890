import Foundation

/// Runs an external program (git, gpg, ssh-keygen) the way git itself would: found on PATH,
/// with the given environment, stdin fed from memory, stdout and stderr captured in full.
public enum ProcessRunner {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `program` (a path, or a name looked up on PATH) and waits for it.
    /// Input and output go through temporary files, not pipes: a chatty program can never
    /// block on a full pipe, and no reader threads are needed.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String],
                           stdin: Data? = nil, cwd: String? = nil) throws -> Result {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("inquest-run-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)

        let p = Process()
        if program.contains("/") {
            p.executableURL = URL(fileURLWithPath: program)
            p.arguments = arguments
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [program] + arguments
        }
        p.environment = environment
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        p.standardOutput = out
        p.standardError = err
        if let stdin {
            let inURL = scratch.appendingPathComponent("in")
            try stdin.write(to: inURL)
            p.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            p.standardInput = FileHandle.nullDevice
        }
        do {
            try p.run()
        } catch {
            throw InquestError(.repository, "could not run \(program): \(error.localizedDescription)")
        }
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: try Data(contentsOf: outURL),
                      stderr: try Data(contentsOf: errURL))
    }
}
