import Foundation

/// The person a key belongs to: `Name <email>`. The email is the principal that SSH
/// verification names, and what tells an incident's author from its approver.
public struct KeyOwner: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    public var description: String { name.isEmpty ? "<\(email)>" : "\(name) <\(email)>" }

    /// Reads `Name <email>` (or a bare email); nil when that is not what `text` is.
    public static func parse(_ text: String) -> KeyOwner? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let open = t.lastIndex(of: "<"), t.hasSuffix(">") {
            let name = t[..<open].trimmingCharacters(in: .whitespaces)
            let email = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            return KeyOwner(name: name, email: email)
        }
        return t.contains("@") && !t.contains(" ") ? KeyOwner(name: "", email: t) : nil
    }

    /// Why this owner cannot be written into the trust roots, or nil if it can.
    ///
    /// The email becomes an allowed-signers principal, where `*`, `?` and `!` are patterns
    /// and commas separate principals: any of them would trust more than one person.
    public var problem: String? {
        if let p = TextRules.singleLineProblem(name) { return "name \(p)" }
        if name.contains("<") || name.contains(">") { return "the name cannot contain < or >" }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty {
            return "'\(email)' is not an email address"
        }
        if email.contains(where: { $0.isWhitespace || ",*?!\"'<>#".contains($0) || $0.asciiValue.map { $0 < 0x20 } == true }) {
            return "'\(email)' contains a character not allowed in an email principal (space , * ? ! \" ' < > #)"
        }
        return nil
    }

    func matches(email other: String) -> Bool { email.lowercased() == other.lowercased() }
}

/// One trust root: a public key and the person it belongs to, as stored on the branch.
public struct TrustedKey: Hashable, Sendable {
    /// The public key itself.
    public enum Material: Hashable, Sendable {
        /// An SSH public key: its type (`ssh-ed25519`) and base64 blob.
        case ssh(type: String, blob: String)
        /// An OpenPGP public key: the primary key's fingerprint (40 hex digits) and the
        /// armored key block.
        case openpgp(fingerprint: String, armored: String)

        public var format: SignatureFormat {
            switch self {
            case .ssh: return .ssh
            case .openpgp: return .openpgp
            }
        }

        /// `SHA256:…` for SSH keys (as ssh-keygen prints it), the hex fingerprint for OpenPGP.
        public var fingerprint: String {
            switch self {
            case .ssh(_, let blob):
                guard let data = Data(base64Encoded: blob) else { return "SHA256:?" }
                var b64 = Data(SHA256.digest(data)).base64EncodedString()
                while b64.hasSuffix("=") { b64.removeLast() }
                return "SHA256:" + b64
            case .openpgp(let fingerprint, _):
                return fingerprint
            }
        }

        /// The key as one line of an authorized-keys style file (SSH only).
        public var sshLine: String? {
            if case .ssh(let type, let blob) = self { return "\(type) \(blob)" }
            return nil
        }
    }

    public var material: Material
    public var owner: KeyOwner

    public init(material: Material, owner: KeyOwner) {
        self.material = material
        self.owner = owner
    }

    public var format: SignatureFormat { material.format }
    public var fingerprint: String { material.fingerprint }
}

extension TrustedKey.Material {
    /// SSH key types as ssh-keygen names them; anything else in that position is not a key.
    static func isSSHKeyType(_ word: Substring) -> Bool {
        word.hasPrefix("ssh-") || word.hasPrefix("ecdsa-sha2-") || word.hasPrefix("sk-ssh-")
            || word.hasPrefix("sk-ecdsa-sha2-")
    }

    /// Reads `ssh-ed25519 AAAA… [comment]`, or git's literal form `key::ssh-ed25519 AAAA…`.
    public static func sshPublicKey(_ text: String) -> TrustedKey.Material? {
        var t = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if t.hasPrefix("key::") { t = t.dropFirst(5) }
        let words = t.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 2, isSSHKeyType(words[0]), Data(base64Encoded: String(words[1])) != nil else { return nil }
        return .ssh(type: String(words[0]), blob: String(words[1]))
    }
}
