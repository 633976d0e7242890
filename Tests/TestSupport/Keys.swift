import Foundation

/// Real signing keys for tests, made in temporary folders: never a mock.
public enum Keys {
    /// A new ed25519 SSH key without passphrase at `path` (and `path.pub`); returns the
    /// public key line.
    @discardableResult
    public static func ssh(_ path: String, comment: String = "test") throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CommandFailed(description: "ssh-keygen failed for \(path)") }
        return try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `SHA256:…` as ssh-keygen prints it for a public key file.
    public static func sshFingerprint(_ pubPath: String, sandbox: Sandbox) throws -> String {
        let r = try sandbox.run("ssh-keygen", ["-l", "-f", pubPath], cwd: "/")
        return String(r.stdout.split(separator: " ")[1])
    }
}

/// A throwaway GNUPGHOME with short path (gpg-agent's socket must fit in ~100 bytes), whose
/// agent is stopped and folder removed when the value is released.
public final class GPGHome: @unchecked Sendable {
    public let path: String

    public init() throws {
        var template = Array("/tmp/gpgXXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CommandFailed(description: "mkdtemp failed")
        }
        path = String(cString: made)
    }

    deinit {
        _ = try? run("gpgconf", ["--kill", "gpg-agent"])
        try? FileManager.default.removeItem(atPath: path)
    }

    public var environment: [String: String] { ["GNUPGHOME": path] }

    /// Makes an ed25519 signing key with no passphrase; returns its fingerprint.
    @discardableResult
    public func generate(_ userID: String) throws -> String {
        try run("gpg", ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", userID,
                        "ed25519", "sign", "never"])
        let listing = try run("gpg", ["--batch", "--with-colons", "--list-secret-keys", userID])
        guard let fpr = listing.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") })?
            .split(separator: ":", omittingEmptySubsequences: false)[9] else {
            throw CommandFailed(description: "no fingerprint for \(userID)")
        }
        return String(fpr)
    }

    /// The armored public key of `userID`, written to `file`.
    public func export(_ userID: String, to file: String) throws {
        try run("gpg", ["--batch", "--armor", "--output", file, "--export", userID])
    }

    @discardableResult
    public func run(_ program: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [program] + args
        var env = ProcessInfo.processInfo.environment
        env["GNUPGHOME"] = path
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw CommandFailed(description: "\(program) \(args.joined(separator: " ")) failed")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
