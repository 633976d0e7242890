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
    /// Output is drained on background threads so a chatty program cannot deadlock us.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String],
                           stdin: Data? = nil, cwd: String? = nil) throws -> Result {
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
        let outPipe = Pipe(), errPipe = Pipe()
        p.standardOutput = outPipe
        p.standardError = errPipe
        let inPipe = stdin.map { _ in Pipe() }
        p.standardInput = inPipe ?? FileHandle.nullDevice
        do {
            try p.run()
        } catch {
            throw InquestError(.repository, "could not run \(program): \(error.localizedDescription)")
        }
        let out = Drain(outPipe.fileHandleForReading), err = Drain(errPipe.fileHandleForReading)
        if let stdin, let inPipe {
            let writer = inPipe.fileHandleForWriting
            // Ignore EPIPE: a program may exit without reading all its input.
            signal(SIGPIPE, SIG_IGN)
            try? writer.write(contentsOf: stdin)
            try? writer.close()
        }
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: out.wait(), stderr: err.wait())
    }

    private final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }
        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
