import Foundation

/// A real `git daemon` on 127.0.0.1 serving the bare repositories below `base`, with pushes
/// enabled, stopped when released. Remotes are `git://127.0.0.1:PORT/NAME`.
public final class GitDaemon: @unchecked Sendable {
    public let port: Int
    public let base: String
    private let process: Process

    public init(base: String, sandbox: Sandbox) throws {
        var lastError = ""
        for _ in 0..<10 {
            let port = try Self.freePort()
            // Run git-daemon itself, not through the `git` wrapper, so stopping it is one signal.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: try Self.execPath(sandbox) + "/git-daemon")
            p.arguments = ["--reuseaddr", "--export-all", "--enable=receive-pack",
                           "--base-path=\(base)", "--listen=127.0.0.1", "--port=\(port)", base]
            p.environment = sandbox.environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if Self.waitForListener(port: port, process: p) {
                self.port = port
                self.base = base
                self.process = p
                return
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            lastError = "git daemon did not start on port \(port)"
        }
        throw CommandFailed(description: lastError)
    }

    public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func execPath(_ sandbox: Sandbox) throws -> String {
        try sandbox.git(["--exec-path"], in: "/").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A port the kernel just handed out, free for the moment.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CommandFailed(description: "socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw CommandFailed(description: "bind() failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func waitForListener(port: Int, process: Process) -> Bool {
        for _ in 0..<100 {
            if !process.isRunning { return false }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = UInt16(port).bigEndian
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            let ok = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if ok { return true }
            usleep(50_000)
        }
        return false
    }
}
