import Foundation

/// A private temporary folder for files handed to gpg and ssh-keygen, removed on `close()`
/// (or when released).
///
/// It lives directly under /tmp, whatever TMPDIR says, because a GNUPGHOME inside it holds
/// gpg-agent's socket and a Unix socket path must stay under about 100 bytes.
final class Scratch {
    let path: String
    private var gpgHomes: [String] = []
    private var closed = false

    init() throws {
        var template = Array("/tmp/inq-XXXXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw InquestError(.repository, "could not create a temporary folder in /tmp: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    deinit { close() }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `data` to a new file in the folder (mode 0600) and returns its path.
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let p = file(name)
        guard FileManager.default.createFile(atPath: p, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw InquestError(.repository, "could not write the temporary file \(p)")
        }
        return p
    }

    /// A new, empty GNUPGHOME (mode 0700, as gpg insists); its agent is stopped on close.
    func gpgHome(_ name: String) throws -> String {
        let p = file(name)
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        gpgHomes.append(p)
        return p
    }

    func close() {
        guard !closed else { return }
        closed = true
        for home in gpgHomes where FileManager.default.fileExists(atPath: home + "/S.gpg-agent") {
            // gpg starts an agent on demand even to import public keys; leave none behind.
            var env = ProcessInfo.processInfo.environment
            env["GNUPGHOME"] = home
            _ = try? ProcessRunner.run("gpgconf", ["--homedir", home, "--kill", "gpg-agent"], environment: env)
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
