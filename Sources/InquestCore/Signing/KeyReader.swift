import Foundation

/// A public key as a user hands it to `inquest trust add`: the contents of a file, or text.
public enum KeyInput: Sendable {
    /// A file's bytes: an SSH public key (`.pub`), or an OpenPGP public key, armored or binary.
    case file(name: String, data: Data)
    /// An SSH public key on the command line: `ssh-ed25519 AAAA…` or `key::ssh-ed25519 AAAA…`.
    case text(String)
}

/// Reads public keys for the trust roots, refusing private keys and anything ambiguous.
enum KeyReader {
    /// The key, and the owner its own data suggests (an OpenPGP key's primary user id).
    static func read(_ input: KeyInput, gpgProgram: String,
                     environment: [String: String]) throws -> (TrustedKey.Material, KeyOwner?) {
        switch input {
        case .text(let text):
            guard let m = TrustedKey.Material.sshPublicKey(text) else {
                throw InquestError.invalid("'\(text.prefix(40))' is neither a key file nor an SSH public key (like ssh-ed25519 AAAA…)")
            }
            return (m, nil)
        case .file(let name, let data):
            let text = String(decoding: data, as: UTF8.self)
            if text.contains("PRIVATE KEY") {
                throw InquestError.invalid("\(name) holds a private key: give the public key (an SSH .pub file, or the output of gpg --armor --export)")
            }
            if let m = TrustedKey.Material.sshPublicKey(text) { return (m, nil) }
            return try openpgp(name: name, data: data, gpgProgram: gpgProgram, environment: environment)
        }
    }

    /// Lets gpg read the key in a throwaway GNUPGHOME, then exports it armored: one format
    /// on the branch whatever the user had.
    private static func openpgp(name: String, data: Data, gpgProgram: String,
                                environment: [String: String]) throws -> (TrustedKey.Material, KeyOwner?) {
        let scratch = try Scratch()
        defer { scratch.close() }
        let home = try scratch.gpgHome("g")
        var env = environment
        env["GNUPGHOME"] = home
        let file = try scratch.write("key", data)
        let gpg = { (args: [String]) in try ProcessRunner.run(gpgProgram, ["--homedir", home, "--batch"] + args, environment: env) }
        let shown = try gpg(["--with-colons", "--import-options", "show-only", "--import", file])
        var primaries: [String] = []
        var uid: String?
        var expectFingerprint = false
        for line in shown.stdoutText.split(separator: "\n") {
            let f = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            switch f.first {
            case "pub": expectFingerprint = true
            case "sub": expectFingerprint = false
            case "fpr" where expectFingerprint && f.count > 9:
                primaries.append(f[9].uppercased())
                expectFingerprint = false
            case "uid" where uid == nil && primaries.count == 1 && f.count > 9:
                uid = unescape(f[9])
            default: break
            }
        }
        guard shown.status == 0, !primaries.isEmpty else {
            throw InquestError.invalid("\(name) is neither an SSH public key nor an OpenPGP public key")
        }
        guard primaries.count == 1 else {
            throw InquestError.invalid("\(name) holds \(primaries.count) OpenPGP keys (\(primaries.joined(separator: ", "))): give one key per file")
        }
        let fingerprint = primaries[0]
        _ = try gpg(["--quiet", "--import", file])
        let export = try gpg(["--armor", "--export", fingerprint])
        guard export.status == 0, export.stdoutText.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----") else {
            throw InquestError.invalid("gpg could not read the OpenPGP key in \(name): \(export.stderrText)")
        }
        let armored = export.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        return (.openpgp(fingerprint: fingerprint, armored: armored), uid.flatMap(KeyOwner.parse))
    }

    /// gpg's colon listings escape `:` and control characters as `\xHH`.
    private static func unescape(_ s: String) -> String {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "\\", s.distance(from: i, to: s.endIndex) >= 4, s[s.index(after: i)] == "x",
               let v = UInt8(s[s.index(i, offsetBy: 2)..<s.index(i, offsetBy: 4)], radix: 16) {
                out.append(Character(UnicodeScalar(v)))
                i = s.index(i, offsetBy: 4)
            } else {
                out.append(s[i])
                i = s.index(after: i)
            }
        }
        return out
    }
}
