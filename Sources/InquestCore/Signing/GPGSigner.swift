import Foundation

/// Signs as git does with `gpg.format=openpgp`: the commit on stdin of
/// `gpg --status-fd=2 -bsau KEY`, the armored signature on stdout, and success only when
/// gpg's status says `SIG_CREATED` (its exit code alone is not trusted, as in git).
public struct GPGSigner: Signer {
    public let program: String
    /// `user.signingkey`, or the committer's `Name <email>` when that is unset.
    public let key: String
    public let environment: [String: String]

    public init(program: String = "gpg", key: String, environment: [String: String]) {
        self.program = program
        self.key = key
        self.environment = environment
    }

    public var format: SignatureFormat { .openpgp }
    public var keyDescription: String { key }

    public func sign(_ payload: String) throws -> String {
        let result = try ProcessRunner.run(program, ["--status-fd=2", "-bsau", key], environment: environment,
                                           stdin: Data(payload.utf8))
        let status = result.stderrText
        let created = status.hasPrefix("[GNUPG:] SIG_CREATED ") || status.contains("\n[GNUPG:] SIG_CREATED ")
        guard result.status == 0, created else {
            let said = status.split(separator: "\n").filter { !$0.hasPrefix("[GNUPG:]") }.joined(separator: "; ")
            throw SigningError("gpg failed to sign the data with key '\(key)'" + (said.isEmpty ? "" : ": \(said)"),
                               hint: "check `git config user.signingkey` and that `\(program) --list-secret-keys` shows that key")
        }
        return result.stdoutText.trimmingSignatureEnd()
    }

    public func publicKey() throws -> TrustedKey.Material {
        let list = try ProcessRunner.run(program, ["--batch", "--with-colons", "--list-secret-keys", "--", key],
                                         environment: environment)
        var fingerprint: String?
        var inPrimary = false
        for line in list.stdoutText.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            if fields.first == "sec" { inPrimary = true; continue }
            if fields.first == "ssb" { inPrimary = false }
            if inPrimary, fields.first == "fpr", fields.count > 9 {
                fingerprint = String(fields[9])
                break
            }
        }
        guard list.status == 0, let fingerprint else {
            throw SigningError("no OpenPGP secret key matches '\(key)'",
                               hint: "set `git config user.signingkey` to a key that `\(program) --list-secret-keys` shows")
        }
        let export = try ProcessRunner.run(program, ["--batch", "--armor", "--export", "--", fingerprint],
                                           environment: environment)
        guard export.status == 0, export.stdoutText.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----") else {
            throw SigningError("could not export the public key \(fingerprint): \(export.stderrText)")
        }
        return .openpgp(fingerprint: fingerprint.uppercased(), armored: export.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
