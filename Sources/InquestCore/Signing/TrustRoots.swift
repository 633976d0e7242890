import Foundation
import GitKit

/// The trust roots written in one tree of the data branch, in files a person can read:
///
///     .inquest/trust/allowed_signers            SSH keys, in ssh-keygen's allowed-signers
///                                               format: `email namespaces="git" ssh-ed25519 AAAA… Name`
///     .inquest/trust/openpgp/<FINGERPRINT>.asc  one OpenPGP key each: an `Owner:` line,
///                                               then the armored public key block
///
/// `allowed_signers` is exactly what git's `gpg.ssh.allowedSignersFile` expects, so
/// `git show postmortems:.inquest/trust/allowed_signers` can be handed to git as it is.
/// Which of these keys are *in force* at a commit is decided by `TrustHistory`: a change to
/// these files counts only when it was signed by a key trusted before it.
public struct TrustRoots: Hashable, Sendable {
    public static let directory = ".inquest/trust"
    public static let allowedSignersPath = ".inquest/trust/allowed_signers"
    public static let openpgpDirectory = ".inquest/trust/openpgp"

    public var keys: [TrustedKey]
    /// Lines or files that could not be read (hand edits); they trust nobody.
    public var problems: [String]

    public init(keys: [TrustedKey] = [], problems: [String] = []) {
        self.keys = keys
        self.problems = problems
    }

    public var isEmpty: Bool { keys.isEmpty }

    public func keys(_ format: SignatureFormat) -> [TrustedKey] { keys.filter { $0.format == format } }

    /// The trusted key with this fingerprint (`SHA256:…`, or OpenPGP hex in any case).
    public func key(fingerprint: String) -> TrustedKey? {
        keys.first { $0.fingerprint.uppercased() == fingerprint.uppercased() }
    }

    public func contains(_ material: TrustedKey.Material) -> Bool { keys.contains { $0.material == material } }

    /// These roots with the change from `old` to `new` applied, key by key: what `new` adds
    /// is added and what it drops is dropped, and nothing else moves. Applying changes
    /// rather than taking `new` whole keeps a rejected change out for good, even when a
    /// later accepted change is made on top of the tree that contains it.
    func applying(from old: TrustRoots, to new: TrustRoots) -> TrustRoots {
        let removed = old.keys.filter { !new.keys.contains($0) }
        let added = new.keys.filter { !old.keys.contains($0) }
        var keys = self.keys.filter { !removed.contains($0) }
        for k in added where !keys.contains(k) { keys.append(k) }
        return TrustRoots(keys: keys)
    }

    /// The keys `new` has and `old` has not.
    static func added(from old: TrustRoots, to new: TrustRoots) -> TrustRoots {
        TrustRoots(keys: new.keys.filter { !old.keys.contains($0) })
    }

    /// An allowed-signers file for these roots' SSH keys (what verification hands to ssh-keygen).
    var allowedSignersText: String {
        keys(.ssh).map(TrustFiles.allowedSignersLine).joined(separator: "\n") + "\n"
    }
}

/// Reading and writing the trust-root files.
enum TrustFiles {
    static let allowedSignersHeader = """
        # Trust roots for SSH signatures on this branch, in ssh-keygen's allowed-signers format
        # (usable as git's gpg.ssh.allowedSignersFile). Change them with `inquest trust`: a change
        # counts only when it is signed by a key that was trusted before it.

        """

    /// The subtree holding the trust roots, or nil when a tree has none. Comparing these ids
    /// is how a commit is found to change the trust roots without reading them.
    static func subtree(_ repository: Repository, tree: OID?) throws -> OID? {
        guard let tree, let e = try repository.treeEntry(at: TrustRoots.directory, in: tree), e.kind == .tree else {
            return nil
        }
        return e.id
    }

    /// The trust roots below a `.inquest/trust` subtree.
    static func read(_ repository: Repository, trustTree: OID?) throws -> TrustRoots {
        guard let trustTree else { return TrustRoots() }
        var roots = TrustRoots()
        if let e = try repository.treeEntry(at: "allowed_signers", in: trustTree), e.kind == .blob {
            let text = String(decoding: try repository.readBlob(e.id), as: UTF8.self)
            let (keys, problems) = parseAllowedSigners(text)
            roots.keys += keys
            roots.problems += problems
        }
        if let dir = try repository.treeEntry(at: "openpgp", in: trustTree), dir.kind == .tree {
            for e in try repository.treeEntries(dir.id) where e.kind == .blob {
                let path = "\(TrustRoots.openpgpDirectory)/\(e.name)"
                let text = String(decoding: try repository.readBlob(e.id), as: UTF8.self)
                switch parseOpenPGP(fileName: e.name, text) {
                case .success(let key): roots.keys.append(key)
                case .failure(let problem): roots.problems.append("\(path): \(problem.message)")
                }
            }
        }
        return roots
    }

    /// The file writes that add `key` (`allowedSigners`: the current text of that file, if any).
    static func changes(adding key: TrustedKey, allowedSigners: String?) -> [(path: String, data: Data)] {
        switch key.material {
        case .ssh:
            return [(TrustRoots.allowedSignersPath, Data(addingLine(for: key, to: allowedSigners).utf8))]
        case .openpgp(let fingerprint, _):
            return [(openpgpPath(fingerprint), Data(renderOpenPGP(key).utf8))]
        }
    }

    // MARK: allowed_signers

    static func allowedSignersLine(_ key: TrustedKey) -> String {
        guard let line = key.material.sshLine else { return "" }
        let name = key.owner.name.isEmpty ? "" : " " + key.owner.name
        return "\(key.owner.email) namespaces=\"git\" \(line)\(name)"
    }

    /// Reads every key line: `principals [options] keytype base64 [comment]`. The first
    /// principal is the owner's email and the comment their name.
    static func parseAllowedSigners(_ text: String) -> (keys: [TrustedKey], problems: [String]) {
        var keys: [TrustedKey] = []
        var problems: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = tokens(line)
            guard words.count >= 3 else {
                problems.append("\(TrustRoots.allowedSignersPath):\(n + 1): not a key line")
                continue
            }
            var i = 1
            if !TrustedKey.Material.isSSHKeyType(Substring(words[i])) { i += 1 } // options
            guard i + 1 < words.count, TrustedKey.Material.isSSHKeyType(Substring(words[i])),
                  Data(base64Encoded: words[i + 1]) != nil else {
                problems.append("\(TrustRoots.allowedSignersPath):\(n + 1): no SSH public key on this line")
                continue
            }
            let email = String(words[0].split(separator: ",").first ?? "")
            let name = words[(i + 2)...].joined(separator: " ")
            keys.append(TrustedKey(material: .ssh(type: words[i], blob: words[i + 1]),
                                   owner: KeyOwner(name: name, email: email)))
        }
        return (keys, problems)
    }

    /// Splits on blanks outside double quotes (`namespaces="git,file"` is one word).
    private static func tokens(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() }
            if !quoted && (c == " " || c == "\t") {
                if !current.isEmpty { out.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// `text` with a line for `key` added at the end.
    static func addingLine(for key: TrustedKey, to text: String?) -> String {
        var body = text ?? allowedSignersHeader
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        return body + allowedSignersLine(key) + "\n"
    }

    /// `text` without the lines that hold `material`, whatever their principals or options.
    static func removingLines(for material: TrustedKey.Material, from text: String) -> String {
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let (keys, _) = parseAllowedSigners(String(line))
            return !keys.contains { $0.material == material }
        }
        return kept.joined(separator: "\n")
    }

    // MARK: OpenPGP

    static func openpgpPath(_ fingerprint: String) -> String {
        "\(TrustRoots.openpgpDirectory)/\(fingerprint.uppercased()).asc"
    }

    static func renderOpenPGP(_ key: TrustedKey) -> String {
        guard case .openpgp(let fingerprint, let armored) = key.material else { return "" }
        return """
            Owner: \(key.owner)
            Fingerprint: \(fingerprint)

            \(armored.trimmingCharacters(in: .whitespacesAndNewlines))

            """
    }

    /// Reads `<FINGERPRINT>.asc`: an `Owner:` line, then the armored key. The fingerprint
    /// comes from the file name; verification matches it against the fingerprint gpg
    /// computes from the key that made a signature, so a file whose name lies trusts nobody.
    static func parseOpenPGP(fileName: String, _ text: String) -> Result<TrustedKey, Problem> {
        guard fileName.hasSuffix(".asc") else { return .failure(Problem("not a .asc file")) }
        let fingerprint = String(fileName.dropLast(4)).uppercased()
        guard fingerprint.count == 40, fingerprint.allSatisfy({ $0.isHexDigit }) else {
            return .failure(Problem("the file name is not a 40-digit OpenPGP fingerprint"))
        }
        var owner: KeyOwner?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("-----BEGIN") { break }
            if line.lowercased().hasPrefix("owner:") { owner = KeyOwner.parse(String(line.dropFirst(6))) }
        }
        guard let owner else { return .failure(Problem("no 'Owner: Name <email>' line")) }
        guard let start = text.range(of: "-----BEGIN PGP PUBLIC KEY BLOCK-----"),
              let end = text.range(of: "-----END PGP PUBLIC KEY BLOCK-----", range: start.upperBound..<text.endIndex) else {
            return .failure(Problem("no armored public key block"))
        }
        let armored = String(text[start.lowerBound..<end.upperBound])
        return .success(TrustedKey(material: .openpgp(fingerprint: fingerprint, armored: armored), owner: owner))
    }
}
