import Foundation

/// What gpg said about one detached OpenPGP signature, read from its status lines
/// (`--status-fd`, doc/DETAILS in GnuPG), before any question of trust.
struct OpenPGPOutcome: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// GOODSIG: the signature holds and the key is usable.
        case valid
        /// BADSIG: the signature does not match the data.
        case bad
        /// ERRSIG with NO_PUBKEY: the key is not in the keyring.
        case noPublicKey
        /// EXPKEYSIG: the signature holds but the key has expired.
        case expiredKey
        /// REVKEYSIG: the signature holds but the key has been revoked.
        case revokedKey
        /// EXPSIG: the signature itself has expired.
        case expiredSignature
        /// ERRSIG for another reason (an algorithm gpg does not know, say).
        case error(String)
        /// Not a single detached signature (inline signed data, several signatures, nothing).
        case malformed(String)
    }

    var kind: Kind
    /// The key that made the signature (a subkey, possibly), in hex.
    var signingKey: String?
    /// The primary key's fingerprint, when gpg could tell (VALIDSIG).
    var primary: String?
    /// The 16-digit key id gpg names in BADSIG/ERRSIG, when that is all there is.
    var keyID: String?
    /// When the signature was made (VALIDSIG), seconds since 1970.
    var signedAt: Int64?

    /// Reads the status lines gpg wrote for one file (between FILE_START and FILE_DONE, or
    /// the whole output of a single `--verify`).
    init(statusLines lines: [Substring]) {
        var seen: [String: [String]] = [:]
        var newSignatures = 0
        var results = 0
        for line in lines where line.hasPrefix("[GNUPG:] ") {
            let words = line.dropFirst(9).split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            if keyword == "NEWSIG" { newSignatures += 1 }
            if ["GOODSIG", "BADSIG", "EXPSIG", "EXPKEYSIG", "REVKEYSIG", "ERRSIG"].contains(keyword) { results += 1 }
            if seen[keyword] == nil { seen[keyword] = Array(words.dropFirst()) }
        }
        kind = .malformed("gpg found no signature")
        if seen["PLAINTEXT"] != nil {
            // A complete signed message in the header: gpg would check the data it carries,
            // not the commit. git's `gpg --verify sig -` refuses such a signature too.
            kind = .malformed("the signature carries signed data of its own instead of being detached")
            return
        }
        if newSignatures > 1 || results > 1 {
            kind = .malformed("the header holds \(max(newSignatures, results)) signatures; a commit signature is one")
            return
        }
        if let valid = seen["VALIDSIG"] {
            signingKey = valid.first?.uppercased()
            primary = (valid.count >= 10 ? valid[9] : valid.first)?.uppercased()
            signedAt = valid.count > 2 ? Int64(valid[2]) : nil
        }
        if let bad = seen["BADSIG"] {
            kind = .bad
            keyID = bad.first?.uppercased()
        } else if seen["REVKEYSIG"] != nil, primary != nil {
            kind = .revokedKey
        } else if seen["EXPKEYSIG"] != nil, primary != nil {
            kind = .expiredKey
        } else if seen["EXPSIG"] != nil, primary != nil {
            kind = .expiredSignature
        } else if seen["GOODSIG"] != nil, primary != nil {
            kind = .valid
        } else if let err = seen["ERRSIG"] {
            keyID = err.first?.uppercased()
            if err.count >= 7, err[6].count == 40 { primary = err[6].uppercased() }
            if seen["NO_PUBKEY"] != nil || err.count >= 6 && err[5] == "9" {
                kind = .noPublicKey
            } else {
                kind = .error("gpg cannot check the signature (error code \(err.count >= 6 ? err[5] : "?"))")
            }
        }
    }
}

/// Expiry and revocation of the keys in a keyring, from gpg's colon listing
/// (`--with-colons --fixed-list-mode --list-sigs`).
struct OpenPGPKeyListing: Sendable {
    struct Revocation: Sendable, Equatable {
        var at: Int64?
        /// RFC 4880 §5.2.3.23 reason code.
        var reasonCode: Int?

        var reasonText: String {
            switch reasonCode {
            case 0x01: return "key superseded"
            case 0x02: return "key compromised"
            case 0x03: return "key no longer used"
            case 0: return "no reason given"
            default: return "reason code \(reasonCode.map(String.init) ?? "unknown")"
            }
        }
    }

    struct Key: Sendable {
        var fingerprint: String
        /// The primary key's fingerprint (itself, for a primary key).
        var primary: String
        var expires: Int64?
        var revocation: Revocation?
    }

    /// By fingerprint, primary keys and subkeys alike.
    var keys: [String: Key] = [:]

    init(colons text: String) {
        var currentPrimary: String?
        var pending: (expires: Int64?, isPrimary: Bool)?
        var current: String?
        for line in text.split(separator: "\n") {
            let f = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard let type = f.first else { continue }
            switch type {
            case "pub", "sub":
                pending = (f.count > 6 ? Int64(f[6]) : nil, type == "pub")
                current = nil
            case "fpr" where pending != nil && f.count > 9:
                let fpr = f[9].uppercased()
                if pending!.isPrimary { currentPrimary = fpr }
                keys[fpr] = Key(fingerprint: fpr, primary: currentPrimary ?? fpr, expires: pending!.expires)
                current = fpr
                pending = nil
            case "uid", "uat":
                current = nil
            case "rev" where current != nil && f.count > 10:
                // Class 20x revokes a primary key, 28x a subkey; 30x (a user id) is not the key.
                let cls = f[10].split(separator: ",")
                guard let c = cls.first, c.hasPrefix("20") || c.hasPrefix("28") else { continue }
                let reason = cls.count > 1 ? Int(cls[1], radix: 16) : nil
                keys[current!]?.revocation = Revocation(at: Int64(f[5]), reasonCode: reason)
            default:
                break
            }
        }
    }

    /// The primary key of a fingerprint or 16-digit key id, if the keyring has it.
    func primary(of id: String) -> String? {
        let id = id.uppercased()
        if let k = keys[id] { return k.primary }
        return keys.values.first { $0.fingerprint.hasSuffix(id) }?.primary
    }
}
