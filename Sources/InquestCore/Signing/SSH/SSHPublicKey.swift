import Crypto
import _CryptoExtras
import Foundation

/// An SSH public key of a kind Inquest verifies in process, reduced to its mathematical
/// content so that two encodings of the same key compare equal (as OpenSSH's
/// `sshkey_equal` compares keys, not bytes).
enum SSHPublicKey: Hashable, Sendable {
    case ed25519([UInt8])
    case ecdsa(ECDSACurve, point: [UInt8])
    case rsa(e: [UInt8], n: [UInt8])

    enum ECDSACurve: String, Sendable {
        case p256 = "nistp256", p384 = "nistp384", p521 = "nistp521"

        /// Bytes in one coordinate (and in r or s of a signature).
        var coordinateBytes: Int {
            switch self {
            case .p256: return 32
            case .p384: return 48
            case .p521: return 66
            }
        }
    }

    /// OpenSSH's bounds on RSA moduli (`SSH_RSA_MINIMUM_MODULUS_SIZE`, `SSHBUF_MAX_BIGNUM`).
    static let rsaMinimumBits = 1024
    static let rsaMaximumBytes = 16384 / 8

    /// The key type named at the start of a key blob, or nil when there is not even that.
    static func typeName(ofBlob blob: [UInt8]) -> String? {
        var r = SSHWireReader(blob)
        return try? r.text("key type")
    }

    /// Reads a public key blob (`string type, …`). Returns nil for a well-formed blob of a
    /// kind not handled in process (security keys, certificates, DSA): those are checked by
    /// ssh-keygen instead. Throws for a blob that is not a valid key.
    static func parse(blob: [UInt8]) throws -> SSHPublicKey? {
        var r = SSHWireReader(blob)
        let type = try r.text("key type")
        let key: SSHPublicKey
        switch type {
        case "ssh-ed25519":
            let pk = try r.string("ed25519 public key")
            guard pk.count == 32 else { throw SSHWireReader.Malformed("ed25519 public key is \(pk.count) bytes, not 32") }
            key = .ed25519(pk)
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            let curveName = try r.text("curve name")
            guard let curve = ECDSACurve(rawValue: curveName), type == "ecdsa-sha2-" + curveName else {
                throw SSHWireReader.Malformed("key type \(type) names curve \(curveName)")
            }
            let point = try r.string("EC point")
            // Only uncompressed points, as OpenSSH; the point must lie on the curve.
            guard point.count == 1 + 2 * curve.coordinateBytes, point.first == 0x04 else {
                throw SSHWireReader.Malformed("EC point is not an uncompressed \(curveName) point")
            }
            key = .ecdsa(curve, point: point)
            _ = try key.ecdsaCheck()
        case "ssh-rsa":
            let e = try r.positiveMPInt("RSA exponent", maxBytes: rsaMaximumBytes)
            let n = try r.positiveMPInt("RSA modulus", maxBytes: rsaMaximumBytes)
            let bits = n.first.map { (n.count - 1) * 8 + (8 - $0.leadingZeroBitCount) } ?? 0
            guard bits >= rsaMinimumBits else { throw SSHWireReader.Malformed("RSA modulus of \(bits) bits is too small") }
            guard !e.isEmpty, e.last! & 1 == 1 else { throw SSHWireReader.Malformed("RSA exponent is not odd") }
            key = .rsa(e: e, n: n)
        default:
            return nil
        }
        guard r.isAtEnd else { throw SSHWireReader.Malformed("\(type) key has \(r.remaining) bytes of trailing data") }
        return key
    }

    var typeName: String {
        switch self {
        case .ed25519: return "ssh-ed25519"
        case .ecdsa(let c, _): return "ecdsa-sha2-" + c.rawValue
        case .rsa: return "ssh-rsa"
        }
    }

    /// Builds the curve's key to check the point (throws if it is not on the curve).
    private func ecdsaCheck() throws -> Bool {
        guard case .ecdsa(let curve, let point) = self else { return false }
        switch curve {
        case .p256: _ = try P256.Signing.PublicKey(x963Representation: point)
        case .p384: _ = try P384.Signing.PublicKey(x963Representation: point)
        case .p521: _ = try P521.Signing.PublicKey(x963Representation: point)
        }
        return true
    }

    /// Whether `signatureBlob` (`string algorithm, string signature`, as in SSH) is this
    /// key's valid signature of `message`. Throws when the blob is malformed or its algorithm
    /// does not fit the key; returns false when it is well-formed but does not verify.
    func verify(signatureBlob: [UInt8], message: [UInt8]) throws -> Bool {
        var r = SSHWireReader(signatureBlob)
        let algorithm = try r.text("signature algorithm")
        let sig = try r.string("signature")
        guard r.isAtEnd else { throw SSHWireReader.Malformed("signature blob has \(r.remaining) bytes of trailing data") }
        switch self {
        case .ed25519(let pk):
            guard algorithm == "ssh-ed25519" else { throw SSHWireReader.Malformed("an \(algorithm) signature from an ed25519 key") }
            guard sig.count == 64 else { throw SSHWireReader.Malformed("ed25519 signature is \(sig.count) bytes, not 64") }
            return try Curve25519.Signing.PublicKey(rawRepresentation: pk).isValidSignature(sig, for: message)
        case .ecdsa(let curve, let point):
            guard algorithm == typeName else { throw SSHWireReader.Malformed("an \(algorithm) signature from an \(typeName) key") }
            var inner = SSHWireReader(sig)
            let size = curve.coordinateBytes
            let rr = try inner.positiveMPInt("ECDSA r", maxBytes: size)
            let ss = try inner.positiveMPInt("ECDSA s", maxBytes: size)
            guard inner.isAtEnd else { throw SSHWireReader.Malformed("ECDSA signature has trailing data") }
            let raw = Array(repeating: 0, count: size - rr.count) + rr + Array(repeating: 0, count: size - ss.count) + ss
            switch curve {
            case .p256:
                return try P256.Signing.PublicKey(x963Representation: point)
                    .isValidSignature(P256.Signing.ECDSASignature(rawRepresentation: raw), for: message)
            case .p384:
                return try P384.Signing.PublicKey(x963Representation: point)
                    .isValidSignature(P384.Signing.ECDSASignature(rawRepresentation: raw), for: message)
            case .p521:
                return try P521.Signing.PublicKey(x963Representation: point)
                    .isValidSignature(P521.Signing.ECDSASignature(rawRepresentation: raw), for: message)
            }
        case .rsa(let e, let n):
            // SSHSIG refuses SHA-1 (`ssh-rsa`) signatures, as OpenSSH's RSA_SIGN_ALLOWED does.
            guard algorithm == "rsa-sha2-256" || algorithm == "rsa-sha2-512" else {
                throw SSHWireReader.Malformed("RSA signature algorithm \(algorithm) is not allowed (only rsa-sha2-256, rsa-sha2-512)")
            }
            // OpenSSH accepts a signature shorter than the modulus and pads it on the left.
            guard sig.count <= n.count else { throw SSHWireReader.Malformed("RSA signature is longer than the modulus") }
            let padded = Array(repeating: 0, count: n.count - sig.count) + sig
            let key = try _RSA.Signing.PublicKey(n: n, e: e)
            let signature = _RSA.Signing.RSASignature(rawRepresentation: padded)
            if algorithm == "rsa-sha2-256" {
                return key.isValidSignature(signature, for: Crypto.SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
            }
            return key.isValidSignature(signature, for: SHA512.hash(data: message), padding: .insecurePKCS1v1_5)
        }
    }
}
