import Foundation
import GitKit

/// What a commit's signature is worth against the trust roots in force for it.
public struct SignatureCheck: Hashable, Sendable {
    public enum State: String, Sendable, CaseIterable {
        /// Signed, the signature matches the commit, and the key is a trust root in force.
        case good
        /// Signed, but the signature does not match the commit (altered after signing), or
        /// is not a signature at all.
        case bad
        /// No signature.
        case unsigned
        /// A signature that matches (or, for an unknown OpenPGP key, cannot be checked), by a
        /// key that is not a trust root in force: unknown, added later, or removed earlier.
        case untrusted
    }

    public var state: State
    public var format: SignatureFormat?
    /// The key that made the signature, when known: `SHA256:…` (SSH) or a fingerprint.
    public var fingerprint: String?
    /// The owner of the trust root that vouches for the signature (good only).
    public var signer: KeyOwner?
    /// Why it is not good, or a note on why it is (bootstrap).
    public var reason: String?

    public init(state: State, format: SignatureFormat? = nil, fingerprint: String? = nil,
                signer: KeyOwner? = nil, reason: String? = nil) {
        self.state = state
        self.format = format
        self.fingerprint = fingerprint
        self.signer = signer
        self.reason = reason
    }
}

/// Checks signatures with gpg and ssh-keygen against a given set of trust roots, using no
/// personal keyring: each distinct set of OpenPGP roots is imported into its own temporary
/// GNUPGHOME, and each distinct set of SSH roots is written as an allowed-signers file.
///
/// One checker serves a whole run (verify, log, a gate) and cleans up on `close()`.
final class SignatureChecker {
    let gpgProgram: String
    let sshProgram: String
    let environment: [String: String]
    private let scratch: Scratch
    private var allowedSignersFiles: [String: String] = [:]
    private var keyrings: [[String]: String] = [:]
    private var serial = 0

    init(gpgProgram: String, sshProgram: String, environment: [String: String]) throws {
        self.gpgProgram = gpgProgram
        self.sshProgram = sshProgram
        self.environment = environment
        scratch = try Scratch()
    }

    func close() { scratch.close() }

    func check(_ signature: CommitSignature, against roots: TrustRoots) throws -> SignatureCheck {
        switch SignatureFormat(armored: signature.signature) {
        case .ssh: return try checkSSH(signature, roots)
        case .openpgp: return try checkOpenPGP(signature, roots)
        case nil:
            if signature.signature.contains("-----BEGIN SIGNED MESSAGE-----") {
                return SignatureCheck(state: .untrusted, reason: "an X.509 signature, which Inquest cannot check against trust roots")
            }
            return SignatureCheck(state: .bad, reason: "the gpgsig header holds no OpenPGP or SSH signature")
        }
    }

    private func nextName(_ stem: String) -> String {
        serial += 1
        return "\(stem)\(serial)"
    }

    // MARK: SSH

    private func allowedSigners(_ roots: TrustRoots) throws -> String {
        let text = roots.allowedSignersText
        if let path = allowedSignersFiles[text] { return path }
        let path = try scratch.write(nextName("allowed"), Data(text.utf8))
        allowedSignersFiles[text] = path
        return path
    }

    /// As git's verify-commit does: find the principal the key belongs to, verify as that
    /// principal; with none, check the signature alone to tell untrusted from bad.
    private func checkSSH(_ signature: CommitSignature, _ roots: TrustRoots) throws -> SignatureCheck {
        let sigFile = try scratch.write(nextName("sig"), Data((signature.signature + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: sigFile) }
        let allowed = try allowedSigners(roots)
        let found = try ProcessRunner.run(sshProgram, ["-Y", "find-principals", "-s", sigFile, "-f", allowed],
                                          environment: environment)
        let principal = found.status == 0
            ? found.stdoutText.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } : nil
        if let principal, !principal.isEmpty {
            let r = try ProcessRunner.run(sshProgram, ["-Y", "verify", "-f", allowed, "-I", principal, "-n", "git",
                                                       "-s", sigFile], environment: environment, stdin: signature.signedData)
            let fingerprint = Self.sshFingerprint(r.stdoutText + r.stderrText)
            if r.status == 0 {
                let key = fingerprint.flatMap { roots.key(fingerprint: $0) }
                    ?? roots.keys(.ssh).first { $0.owner.matches(email: principal) }
                return SignatureCheck(state: .good, format: .ssh, fingerprint: fingerprint ?? key?.fingerprint,
                                      signer: key?.owner ?? KeyOwner(name: "", email: principal))
            }
            let key = roots.keys(.ssh).first { $0.owner.matches(email: principal) }
            return SignatureCheck(state: .bad, format: .ssh, fingerprint: fingerprint ?? key?.fingerprint,
                                  reason: "the signature by \(principal)'s key does not match the commit")
        }
        let r = try ProcessRunner.run(sshProgram, ["-Y", "check-novalidate", "-n", "git", "-s", sigFile],
                                      environment: environment, stdin: signature.signedData)
        let fingerprint = Self.sshFingerprint(r.stdoutText + r.stderrText)
        if r.status == 0 {
            return SignatureCheck(state: .untrusted, format: .ssh, fingerprint: fingerprint,
                                  reason: "signed by \(fingerprint ?? "an SSH key") which is not a trust root in force")
        }
        return SignatureCheck(state: .bad, format: .ssh, fingerprint: fingerprint,
                              reason: "the SSH signature does not match the commit")
    }

    /// `… with ED25519 key SHA256:abc…` in ssh-keygen's output.
    static func sshFingerprint(_ output: String) -> String? {
        guard let r = output.range(of: "SHA256:") else { return nil }
        let tail = output[r.lowerBound...]
        return String(tail.prefix { !$0.isWhitespace })
    }

    // MARK: OpenPGP

    private func keyring(_ roots: TrustRoots) throws -> String {
        let keys = roots.keys(.openpgp)
        let id = keys.map { k -> String in
            if case .openpgp(_, let armored) = k.material { return armored }
            return ""
        }.sorted()
        if let home = keyrings[id] { return home }
        let home = try scratch.gpgHome(nextName("g"))
        keyrings[id] = home
        guard !id.isEmpty else { return home }
        var files: [String] = []
        for (i, armored) in id.enumerated() {
            files.append(try scratch.write(nextName("key\(i)-"), Data((armored + "\n").utf8)))
        }
        // A key that gpg cannot import simply trusts nobody; the import's outcome is not fatal.
        _ = try ProcessRunner.run(gpgProgram, ["--homedir", home, "--batch", "--quiet", "--import"] + files,
                                  environment: gpgEnvironment(home))
        return home
    }

    private func gpgEnvironment(_ home: String) -> [String: String] {
        var env = environment
        env["GNUPGHOME"] = home
        return env
    }

    private func checkOpenPGP(_ signature: CommitSignature, _ roots: TrustRoots) throws -> SignatureCheck {
        let home = try keyring(roots)
        let sigFile = try scratch.write(nextName("sig"), Data((signature.signature + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: sigFile) }
        let r = try ProcessRunner.run(gpgProgram, ["--homedir", home, "--batch", "--no-auto-key-retrieve",
                                                   "--trust-model", "always", "--status-fd=1",
                                                   "--verify", sigFile, "-"],
                                      environment: gpgEnvironment(home), stdin: signature.signedData)
        var status: [String: [Substring]] = [:]
        for line in r.stdoutText.split(separator: "\n") where line.hasPrefix("[GNUPG:] ") {
            let words = line.dropFirst(9).split(separator: " ")
            if let first = words.first, status[String(first)] == nil { status[String(first)] = Array(words.dropFirst()) }
        }
        if let bad = status["BADSIG"] {
            let fpr = roots.keys(.openpgp).first { $0.fingerprint.hasSuffix(String(bad.first ?? "").uppercased()) }?.fingerprint
            return SignatureCheck(state: .bad, format: .openpgp, fingerprint: fpr ?? bad.first.map(String.init),
                                  reason: "the OpenPGP signature does not match the commit")
        }
        if let valid = status["VALIDSIG"] {
            // The last field is the primary key's fingerprint (the first is the signing subkey's).
            let primary = String(valid.count >= 10 ? valid[9] : valid[0]).uppercased()
            if status["REVKEYSIG"] != nil {
                return SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: primary,
                                      reason: "the key \(primary) has been revoked")
            }
            if let key = roots.key(fingerprint: primary) {
                return SignatureCheck(state: .good, format: .openpgp, fingerprint: primary, signer: key.owner)
            }
            return SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: primary,
                                  reason: "signed by \(primary) which is not a trust root in force")
        }
        if let err = status["ERRSIG"] {
            let issuer = String(err.count >= 7 ? err[6] : (err.first ?? "?"))
            if status["NO_PUBKEY"] != nil {
                return SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: issuer,
                                      reason: "signed by \(issuer) which is not a trust root in force")
            }
            return SignatureCheck(state: .bad, format: .openpgp, fingerprint: issuer,
                                  reason: "gpg cannot check the signature")
        }
        return SignatureCheck(state: .bad, format: .openpgp,
                              reason: "gpg found no usable signature: \(r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
}
