import Foundation
import GitKit

/// Git's signing configuration, read the way git reads it, so that Inquest signs exactly
/// when and as `git commit` would:
///
/// - on/off: `inquest.sign`, else `commit.gpgsign` (then `--sign` / `--no-sign` win);
/// - `gpg.format`: `openpgp` (default) or `ssh` (`x509` is refused with a clear message);
/// - `user.signingkey`: for OpenPGP a key id, fingerprint or user id (default: the
///   committer's `Name <email>`, as git does); for SSH a path to a private key, or to a
///   public key whose private half is in ssh-agent, or a literal `key::ssh-ed25519 AAAA…`
///   (without it, `gpg.ssh.defaultKeyCommand` is asked, as in git);
/// - programs: `gpg.openpgp.program` or `gpg.program` (default `gpg`), `gpg.ssh.program`
///   (default `ssh-keygen`). Verification runs the same programs.
public struct SigningConfiguration: Sendable {
    /// Whether git's configuration asks for signed commits.
    public var enabledByConfig: Bool
    /// `gpg.format` as written (lowercased); validated when a signer is made.
    public var formatName: String
    public var signingKey: String?
    public var gpgProgram: String
    public var sshProgram: String
    public var sshDefaultKeyCommand: String?
    /// `Name <email>` of the committer: OpenPGP's key when `user.signingkey` is unset.
    public var committer: String?
    /// Where a relative key path is resolved, as git resolves it from the top of the work tree.
    public var baseDirectory: String
    public var environment: [String: String]

    public init(config: Config, environment: [String: String], committer: String?, baseDirectory: String) {
        enabledByConfig = config.bool("inquest.sign") ?? config.bool("commit.gpgsign") ?? false
        formatName = (config.string("gpg.format") ?? "openpgp").lowercased()
        signingKey = config.string("user.signingkey").flatMap { $0.isEmpty ? nil : $0 }
        gpgProgram = config.string("gpg.openpgp.program") ?? config.string("gpg.program") ?? "gpg"
        sshProgram = config.string("gpg.ssh.program") ?? "ssh-keygen"
        sshDefaultKeyCommand = config.string("gpg.ssh.defaultKeyCommand").flatMap { $0.isEmpty ? nil : $0 }
        self.committer = committer
        self.baseDirectory = baseDirectory
        self.environment = environment
    }

    /// The configuration of the repository a store writes to.
    public static func of(_ store: Store) throws -> SigningConfiguration {
        let config = try store.repository.config()
        let committer = try? Signature.identity(.committer, config: config, environment: store.environment)
        let base = store.repository.workingDirectory ?? FileManager.default.currentDirectoryPath
        return SigningConfiguration(config: config, environment: store.environment,
                                    committer: committer.map { "\($0.name) <\($0.email)>" }, baseDirectory: base)
    }

    /// Whether to sign, given `--sign` (true), `--no-sign` (false) or neither (nil).
    public func shouldSign(_ choice: Bool?) -> Bool { choice ?? enabledByConfig }

    public func format() throws -> SignatureFormat {
        switch formatName {
        case "openpgp": return .openpgp
        case "ssh": return .ssh
        case "x509":
            throw SigningError("gpg.format is x509, which Inquest does not support",
                               hint: "use `git config gpg.format openpgp` or `ssh` for the data branch")
        default:
            throw SigningError("gpg.format: '\(formatName)' is not openpgp, x509 or ssh")
        }
    }

    /// The signer git would use.
    public func signer() throws -> any Signer {
        switch try format() {
        case .openpgp:
            guard let key = signingKey ?? committer else {
                throw SigningError("no OpenPGP key: user.signingkey is not set and there is no committer identity",
                                   hint: "set `git config user.signingkey KEYID`")
            }
            return GPGSigner(program: gpgProgram, key: key, environment: environment)
        case .ssh:
            let key = try signingKey ?? defaultSSHKey()
            return SSHSigner(program: sshProgram, key: key, baseDirectory: baseDirectory, environment: environment)
        }
    }

    /// What `gpg.ssh.defaultKeyCommand` prints first, when it is a literal key (as git asks it).
    private func defaultSSHKey() throws -> String {
        guard let command = sshDefaultKeyCommand else {
            throw SigningError("no SSH signing key: user.signingkey is not set (nor gpg.ssh.defaultKeyCommand)",
                               hint: "set `git config user.signingkey ~/.ssh/id_ed25519.pub` (or a private key path, or key::ssh-ed25519 AAAA…)")
        }
        // git splits the command on spaces and runs it without a shell.
        let words = command.split(separator: " ").map(String.init)
        let r = try ProcessRunner.run(words[0], Array(words.dropFirst()), environment: environment)
        let first = r.stdoutText.split(separator: "\n").first.map(String.init) ?? ""
        guard r.status == 0, TrustedKey.Material.sshPublicKey(first) != nil else {
            throw SigningError("gpg.ssh.defaultKeyCommand returned no key: \(r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return first.hasPrefix("key::") ? first : "key::" + first
    }
}
