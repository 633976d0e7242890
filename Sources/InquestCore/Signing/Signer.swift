import Foundation

/// The kinds of commit signature Inquest makes and checks, named as in git's `gpg.format`.
public enum SignatureFormat: String, Sendable, Hashable, CaseIterable {
    case openpgp
    case ssh

    /// The format of an armored signature, from its first line; nil for anything else
    /// (X.509, or text that is not a signature at all).
    public init?(armored: String) {
        // Compared on bytes; leading blanks skipped first only when there are any (git
        // writes none, and a warm `verify` asks this of every commit).
        let text = armored.utf8.first == UInt8(ascii: "-") ? Substring(armored) : armored.drop { $0.isWhitespace }
        guard let format = Self.allCases.first(where: { text.utf8.starts(with: $0.armorHeader.utf8) }) else { return nil }
        self = format
    }

    /// The first line of an armored signature of this format.
    var armorHeader: String {
        switch self {
        case .openpgp: return "-----BEGIN PGP SIGNATURE-----"
        case .ssh: return "-----BEGIN SSH SIGNATURE-----"
        }
    }
}

/// Makes the detached signature of a commit, exactly as `git commit -S` would with the same
/// configuration, so that `git verify-commit` accepts the result.
///
/// Conformers run an external program (gpg, ssh-keygen); `FakeSigner` is a deterministic
/// stand-in for unit tests of the parts that only need *a* signature.
public protocol Signer: Sendable {
    var format: SignatureFormat { get }
    /// The key as configured (`user.signingkey`, or what git would use without it), for messages.
    var keyDescription: String { get }
    /// The armored signature of `payload`, without a trailing newline (libgit2 adds the
    /// header's own line end, so this keeps the commit byte-equal to git's).
    func sign(_ payload: String) throws -> String
    /// The public half of the signing key: what `inquest trust add` would store for it, and
    /// the fingerprint an approval records.
    func publicKey() throws -> TrustedKey.Material
}

/// Why a commit could not be signed. Nothing is written when this is thrown.
public struct SigningError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    /// As a user-facing error (exit 2): the configuration or the key needs attention.
    public var asInquestError: InquestError {
        InquestError(.invalid, "signing failed: \(message); nothing was written", hint: hint)
    }
}

extension String {
    /// Drops the line ends git's own signing code would leave for the header's last line.
    func trimmingSignatureEnd() -> String {
        var s = Substring(self.replacingOccurrences(of: "\r\n", with: "\n"))
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
