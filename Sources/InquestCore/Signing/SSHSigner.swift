import Foundation

/// Signs as git does with `gpg.format=ssh`: the commit goes to a file, then
/// `ssh-keygen -Y sign -n git -f KEY FILE` writes `FILE.sig`. A literal key
/// (`key::ssh-ed25519 AAAA…`, or a bare `ssh-…` as older git accepted) goes to a temporary
/// file and `-U` tells ssh-keygen that the private half is in ssh-agent.
public struct SSHSigner: Signer {
    public let program: String
    /// `user.signingkey` as configured.
    public let key: String
    public let baseDirectory: String
    public let environment: [String: String]

    public init(program: String = "ssh-keygen", key: String, baseDirectory: String, environment: [String: String]) {
        self.program = program
        self.key = key
        self.baseDirectory = baseDirectory
        self.environment = environment
    }

    public var format: SignatureFormat { .ssh }
    public var keyDescription: String { isLiteral ? "the literal key in user.signingkey" : keyPath }

    private var isLiteral: Bool { key.hasPrefix("key::") || key.hasPrefix("ssh-") }

    /// The key file, with `~/` expanded (as git's interpolate_path does) and a relative path
    /// taken from the top of the work tree.
    var keyPath: String {
        var path = key
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] {
            path = home + path.dropFirst()
        }
        if !path.hasPrefix("/") { path = (baseDirectory as NSString).appendingPathComponent(path) }
        return path
    }

    public func sign(_ payload: String) throws -> String {
        let scratch = try Scratch()
        defer { scratch.close() }
        var arguments = ["-Y", "sign", "-n", "git", "-f"]
        if isLiteral {
            guard let material = TrustedKey.Material.sshPublicKey(key), let line = material.sshLine else {
                throw SigningError("user.signingkey is not a valid SSH public key: \(key)")
            }
            arguments.append(try scratch.write("signing_key.pub", Data((line + "\n").utf8)))
            arguments.append("-U")
        } else {
            guard FileManager.default.fileExists(atPath: keyPath) else {
                throw SigningError("user.signingkey: no such SSH key file '\(keyPath)'",
                                   hint: "set `git config user.signingkey` to your key, e.g. ~/.ssh/id_ed25519.pub")
            }
            arguments.append(keyPath)
        }
        let buffer = try scratch.write("commit", Data(payload.utf8))
        arguments.append(buffer)
        let result = try ProcessRunner.run(program, arguments, environment: environment)
        let detail = result.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        if result.status != 0 {
            if detail.contains("usage:") {
                throw SigningError("\(program) -Y sign is needed for SSH signing (OpenSSH 8.2p1 or later)")
            }
            throw SigningError("\(program) could not sign with \(keyDescription): \(detail)")
        }
        guard let signature = try? String(contentsOfFile: buffer + ".sig", encoding: .utf8), !signature.isEmpty else {
            throw SigningError("\(program) wrote no signature for \(keyDescription)")
        }
        return signature.trimmingSignatureEnd()
    }

    public func publicKey() throws -> TrustedKey.Material {
        if isLiteral {
            guard let m = TrustedKey.Material.sshPublicKey(key) else {
                throw SigningError("user.signingkey is not a valid SSH public key: \(key)")
            }
            return m
        }
        guard let text = try? String(contentsOfFile: keyPath, encoding: .utf8) else {
            throw SigningError("user.signingkey: cannot read the SSH key file '\(keyPath)'")
        }
        if let m = TrustedKey.Material.sshPublicKey(text) { return m }
        if let pub = try? String(contentsOfFile: keyPath + ".pub", encoding: .utf8),
           let m = TrustedKey.Material.sshPublicKey(pub) { return m }
        // A private key with no .pub beside it: ask ssh-keygen, never prompting.
        let r = try ProcessRunner.run(program, ["-y", "-P", "", "-f", keyPath], environment: environment)
        guard r.status == 0, let m = TrustedKey.Material.sshPublicKey(r.stdoutText) else {
            throw SigningError("cannot read the public half of '\(keyPath)' (is it protected by a passphrase?)",
                               hint: "put its .pub file beside it, or set user.signingkey to the .pub file")
        }
        return m
    }
}
