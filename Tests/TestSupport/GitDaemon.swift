import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `git daemon` on 127.0.0.1 serving the repositories under `base` (push enabled,
/// hooks run), as a team's server would. Stopped when released.
public final class GitDaemon: @unchecked Sendable {
    public let port: Int
    public let base: String
    private let process: Process

    public init(base: String, sandbox: Sandbox) throws {
        self.base = base
        // The daemon binary itself, not the `git daemon` wrapper: killing the wrapper would
        // leave the daemon running.
        let execPath = try sandbox.git(["--exec-path"], in: base).trimmingCharacters(in: .whitespacesAndNewlines)
        var lastError = "no attempt"
        // Another process may take the free port between our probe and the daemon's bind: retry.
        for _ in 0..<8 {
            let port = try Self.freePort()
            let p = Process()
            p.executableURL = URL(fileURLWithPath: execPath + "/git-daemon")
            p.arguments = ["--reuseaddr", "--base-path=\(base)", "--export-all",
                           "--enable=receive-pack", "--informative-errors", "--listen=127.0.0.1", "--port=\(port)"]
            p.environment = sandbox.environment
            p.standardInput = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if Self.waitUntilAccepting(port: port, while: p) {
                self.port = port
                self.process = p
                return
            }
            Self.kill(p)
            lastError = "git daemon did not accept connections on port \(port)"
        }
        throw CommandFailed(description: lastError)
    }

    deinit { Self.kill(process) }

    /// SIGKILL: a child of the test runner may inherit a signal mask that blocks SIGTERM.
    private static func kill(_ p: Process) {
        guard p.isRunning else { return }
        _ = Glibc.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    /// `git://127.0.0.1:PORT/<name>`.
    public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }

    /// A port nobody listens on now: bind to port 0 and ask which port the kernel chose.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CommandFailed(description: "socket() failed") }
        defer { close(fd) }
        var addr = loopback(port: 0)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw CommandFailed(description: "bind() failed") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard named == 0 else { throw CommandFailed(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return addr
    }

    private static func waitUntilAccepting(port: Int, while p: Process) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && p.isRunning {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = loopback(port: UInt16(port))
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if rc == 0 { return true }
            usleep(20_000)
        }
        return false
    }
}
