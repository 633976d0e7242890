import Crypto
import Foundation

/// A signature in OpenSSH's SSHSIG format (PROTOCOL.sshsig), as `ssh-keygen -Y sign` makes
/// it and git stores it in a commit's `gpgsig` header:
///
///     byte[6] "SSHSIG"  uint32 version  string publickey  string namespace
///     string reserved   string hash_algorithm  string signature
///
/// What the key signs is not the message but `"SSHSIG" string(namespace) string("")
/// string(hash_algorithm) string(H(message))`, which `signedData(for:)` rebuilds.
struct SSHSignature {
    static let begin = "-----BEGIN SSH SIGNATURE-----\n"
    static let end = "\n-----END SSH SIGNATURE-----"
    static let magic = Array("SSHSIG".utf8)
    /// Signatures for git commits and tags are made in this namespace (`-n git`).
    static let gitNamespace = "git"

    let version: UInt32
    let publicKeyBlob: [UInt8]
    let namespace: String
    let hashAlgorithm: String
    let signatureBlob: [UInt8]

    /// Reads the armored form as OpenSSH's `sshsig_dearmor` does: the header at the very
    /// start, the base64 body up to the first footer, anything after the footer ignored.
    init(armored text: String) throws {
        let utf8 = Array(text.utf8)
        let begin = Array(Self.begin.utf8), end = Array(Self.end.utf8)
        guard utf8.starts(with: begin) else { throw SSHWireReader.Malformed("no SSH SIGNATURE header") }
        let body = utf8[begin.count...]
        guard let endAt = Self.find(end, in: body) else { throw SSHWireReader.Malformed("no SSH SIGNATURE footer") }
        // base64 with line breaks and blanks between, nothing else (b64_pton skips only white space).
        let b64 = body[body.startIndex..<endAt].filter { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d) }
        guard let blob = Data(base64Encoded: Data(b64)) else { throw SSHWireReader.Malformed("the SSH signature is not valid base64") }
        try self.init(blob: Array(blob))
    }

    /// Reads the binary blob, checking what `sshsig_parse_preamble` and `sshsig_wrap_verify`
    /// check, in the same order.
    init(blob: [UInt8]) throws {
        var r = SSHWireReader(blob)
        guard try r.fixed(Self.magic.count, "SSHSIG magic") == Self.magic else {
            throw SSHWireReader.Malformed("not an SSHSIG blob (bad magic)")
        }
        version = try r.uint32("version")
        guard version <= 1 else { throw SSHWireReader.Malformed("SSHSIG version \(version) is newer than 1") }
        publicKeyBlob = try r.string("public key")
        namespace = try r.text("namespace")
        _ = try r.string("reserved")
        hashAlgorithm = try r.text("hash algorithm")
        signatureBlob = try r.string("signature")
        guard r.isAtEnd else { throw SSHWireReader.Malformed("\(r.remaining) bytes of trailing data after the signature") }
    }

    /// What the key signed, for `message` (the commit without its signature header).
    /// nil when the hash algorithm is not one SSHSIG allows (sha256, sha512).
    func signedData<D: DataProtocol>(for message: D) -> [UInt8]? {
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha512": digest = Array(SHA512.hash(data: message))
        case "sha256": digest = Array(Crypto.SHA256.hash(data: message))
        default: return nil
        }
        var w = SSHWireWriter()
        w.raw(Self.magic)
        w.string(Self.gitNamespace)
        w.string([UInt8]())
        w.string(hashAlgorithm)
        w.string(digest)
        return w.bytes
    }

    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// What the cryptography alone says about an SSH commit signature, before any question of
/// trust: which key made it and whether it holds for the commit's content.
enum SSHVerification: Sendable, Equatable {
    /// The signature holds; `blob` is the signing key as the signature carries it.
    case valid(SSHPublicKey, blob: [UInt8])
    /// The signature does not hold, or is not a well-formed SSHSIG for git. The key is known
    /// when the blob got that far.
    case invalid(SSHPublicKey?, blob: [UInt8]?, reason: String)
    /// A well-formed signature by a kind of key not verified in process (security keys,
    /// certificates): ssh-keygen decides.
    case unsupported(keyType: String)

    /// Verifies `armored` over `message` exactly as `ssh-keygen -Y check-novalidate -n git`
    /// would; never throws and never traps on malformed input.
    static func verify(armored: String, message: Data) -> SSHVerification {
        let sig: SSHSignature
        do {
            sig = try SSHSignature(armored: armored)
        } catch {
            return .invalid(nil, blob: nil, reason: "the SSH signature is malformed: \(error)")
        }
        let key: SSHPublicKey
        do {
            guard let parsed = try SSHPublicKey.parse(blob: sig.publicKeyBlob) else {
                return .unsupported(keyType: SSHPublicKey.typeName(ofBlob: sig.publicKeyBlob) ?? "?")
            }
            key = parsed
        } catch {
            return .invalid(nil, blob: nil, reason: "the SSH signature's public key is malformed: \(error)")
        }
        let blob = sig.publicKeyBlob
        guard sig.namespace == SSHSignature.gitNamespace else {
            return .invalid(key, blob: blob, reason: "the SSH signature was made for namespace '\(sig.namespace.prefix(40))', not 'git'")
        }
        guard let signed = sig.signedData(for: message) else {
            return .invalid(key, blob: blob, reason: "the SSH signature uses hash algorithm '\(sig.hashAlgorithm.prefix(20))' (only sha256, sha512 are allowed)")
        }
        do {
            if try key.verify(signatureBlob: sig.signatureBlob, message: signed) { return .valid(key, blob: blob) }
            return .invalid(key, blob: blob, reason: "the SSH signature does not match the commit")
        } catch {
            return .invalid(key, blob: blob, reason: "the SSH signature is malformed: \(error)")
        }
    }
}
