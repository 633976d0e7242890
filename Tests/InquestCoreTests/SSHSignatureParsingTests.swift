import Crypto
import _CryptoExtras
import Foundation
import GitKit
import Testing
import TestSupport
@testable import InquestCore

/// Hostile SSHSIG input: whatever arrives in a commit header, the in-process verifier
/// answers without trapping, and never says valid where ssh-keygen says otherwise.
@Suite struct SSHSignatureParsingTests {
    /// A real signature by ssh-keygen over `message`, in namespace git.
    struct Signed {
        let tmp = TempDir("inquest-sshsig")
        let sandbox: Sandbox
        let key: String
        let message = Data("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1 +0000\n\nhello\n".utf8)
        let armored: String

        init(type: String = "ed25519") throws {
            sandbox = Sandbox(home: tmp.sub("home"))
            key = tmp.path + "/key"
            _ = try sandbox.run("ssh-keygen", ["-q", "-t", type, "-N", "", "-f", key], cwd: tmp.path)
            try message.write(to: URL(fileURLWithPath: tmp.path + "/msg"))
            let r = try sandbox.run("ssh-keygen", ["-Y", "sign", "-n", "git", "-f", key, tmp.path + "/msg"], cwd: tmp.path)
            #expect(r.status == 0, "\(r.stderr)")
            armored = try String(contentsOfFile: tmp.path + "/msg.sig", encoding: .utf8)
        }

        var blob: [UInt8] {
            let body = armored.components(separatedBy: "\n").filter { !$0.hasPrefix("-----") }.joined()
            return Array(Data(base64Encoded: body)!)
        }

        static func armor(_ blob: [UInt8]) -> String {
            SSHSignature.begin + Data(blob).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
                + SSHSignature.end + "\n"
        }

        /// What ssh-keygen says of a signature over the message, the key not mattering.
        func sshKeygenAccepts(_ armored: String) throws -> Bool {
            let file = tmp.path + "/probe.sig"
            try armored.write(toFile: file, atomically: true, encoding: .utf8)
            return try sandbox.run("ssh-keygen", ["-Y", "check-novalidate", "-n", "git", "-s", file], cwd: tmp.path,
                                   stdin: String(decoding: message, as: UTF8.self)).status == 0
        }
    }

    static func isValid(_ v: SSHVerification) -> Bool {
        if case .valid = v { return true }
        return false
    }

    @Test func truncationsAndForgedLengthsNeverTrapAndNeverVerify() throws {
        let s = try Signed()
        #expect(Self.isValid(SSHVerification.verify(armored: s.armored, message: s.message)))
        let blob = s.blob
        for n in 0..<blob.count {
            let v = SSHVerification.verify(armored: Signed.armor(Array(blob.prefix(n))), message: s.message)
            #expect(!Self.isValid(v), "a signature cut to \(n) bytes verified")
        }
        // Every 4-byte window set to a huge length, or to one byte past the end.
        for i in 0..<(blob.count - 4) {
            for forged: [UInt8] in [[0xff, 0xff, 0xff, 0xff], [0x7f, 0xff, 0xff, 0xff], [0, 0, 0x10, 0]] {
                var b = blob
                b.replaceSubrange(i..<(i + 4), with: forged)
                _ = SSHVerification.verify(armored: Signed.armor(b), message: s.message)
            }
        }
        // Armor that is not what OpenSSH writes.
        for text in ["", "-----BEGIN SSH SIGNATURE-----", SSHSignature.begin + "U1NIU0lH\n",
                     SSHSignature.begin + "!!!!\n" + SSHSignature.end, " " + s.armored,
                     s.armored.replacingOccurrences(of: "-----END SSH SIGNATURE-----", with: "")] {
            #expect(!Self.isValid(SSHVerification.verify(armored: text, message: s.message)))
        }
    }

    @Test(arguments: ["ed25519", "ecdsa", "rsa"])
    func randomMutationsAgreeWithSSHKeygen(type: String) throws {
        let s = try Signed(type: type)
        let seed = SeededRandom.seed()
        var rng = SeededRandom(seed: seed)
        let blob = s.blob
        var compared = 0
        for round in 0..<400 {
            var b = blob
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                b[Int.random(in: 0..<b.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            let armored = Signed.armor(b)
            let ours = Self.isValid(SSHVerification.verify(armored: armored, message: s.message))
            // ssh-keygen on every tenth, and on every one we call valid: a change in the
            // unsigned fields (version, reserved) still verifies, for both.
            if ours || round % 10 == 0 {
                compared += 1
                #expect(try s.sshKeygenAccepts(armored) == ours, "seed \(seed) round \(round): Inquest says \(ours ? "valid" : "invalid")")
            }
        }
        #expect(compared >= 40)
        // The message itself changed by one byte: never valid.
        var altered = s.message
        altered[altered.count - 2] ^= 1
        #expect(!Self.isValid(SSHVerification.verify(armored: s.armored, message: altered)))
    }

    @Test func aSignatureForAnotherNamespaceIsNotAGitSignature() throws {
        let s = try Signed()
        try s.message.write(to: URL(fileURLWithPath: s.tmp.path + "/file-msg"))
        let r = try s.sandbox.run("ssh-keygen", ["-Y", "sign", "-n", "file", "-f", s.key, s.tmp.path + "/file-msg"], cwd: s.tmp.path)
        #expect(r.status == 0)
        let other = try String(contentsOfFile: s.tmp.path + "/file-msg.sig", encoding: .utf8)
        #expect(try !s.sshKeygenAccepts(other))
        guard case .invalid(_, _, let reason) = SSHVerification.verify(armored: other, message: s.message) else {
            Issue.record("a signature in namespace 'file' verified as a git signature")
            return
        }
        #expect(reason.contains("namespace 'file'"))
    }
}

/// Signatures made here with swift-crypto, in the variants ssh-keygen can verify but git's
/// signing never produces (RSA with SHA-256, the sha256 hash algorithm), and one it must
/// refuse (SHA-1 RSA): ssh-keygen is the judge of the encoding, and Inquest must agree.
@Suite struct SSHSignatureVariantTests {
    static func mpint(_ bytes: [UInt8]) -> [UInt8] {
        let trimmed = Array(bytes.drop { $0 == 0 })
        return (trimmed.first.map { $0 & 0x80 != 0 } ?? false) ? [0] + trimmed : trimmed
    }

    static func armor(publicKey: [UInt8], hash: String, signature: [UInt8]) -> String {
        var w = SSHWireWriter()
        w.raw(Array("SSHSIG".utf8))
        w.uint32(1)
        w.string(publicKey)
        w.string("git")
        w.string([UInt8]())
        w.string(hash)
        w.string(signature)
        return SSHSignature.begin + Data(w.bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            + SSHSignature.end + "\n"
    }

    static func signedData(_ message: Data, hash: String) -> [UInt8] {
        var w = SSHWireWriter()
        w.raw(Array("SSHSIG".utf8))
        w.string("git")
        w.string([UInt8]())
        w.string(hash)
        w.string(hash == "sha256" ? Array(Crypto.SHA256.hash(data: message)) : Array(SHA512.hash(data: message)))
        return w.bytes
    }

    @Test func rsaWithSHA256AndTheSHA256HashAreAcceptedAndSHA1IsRefused() throws {
        let s = try SSHSignatureParsingTests.Signed()
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let prims = try key.publicKey.getKeyPrimitives()
        var pub = SSHWireWriter()
        pub.string("ssh-rsa")
        pub.string(Self.mpint(Array(prims.publicExponent)))
        pub.string(Self.mpint(Array(prims.modulus)))

        func rsa(_ algorithm: String, hash: String, digest: (Data) -> [UInt8]) throws -> String {
            let data = Data(Self.signedData(s.message, hash: hash))
            let raw: Data
            switch algorithm {
            case "rsa-sha2-256": raw = try key.signature(for: Crypto.SHA256.hash(data: data), padding: .insecurePKCS1v1_5).rawRepresentation
            case "rsa-sha2-512": raw = try key.signature(for: SHA512.hash(data: data), padding: .insecurePKCS1v1_5).rawRepresentation
            default: raw = try key.signature(for: Insecure.SHA1.hash(data: data), padding: .insecurePKCS1v1_5).rawRepresentation
            }
            var sig = SSHWireWriter()
            sig.string(algorithm)
            sig.string(Array(raw))
            return Self.armor(publicKey: pub.bytes, hash: hash, signature: sig.bytes)
        }
        for (algorithm, hash, expected) in [("rsa-sha2-256", "sha512", true), ("rsa-sha2-256", "sha256", true),
                                            ("rsa-sha2-512", "sha256", true), ("ssh-rsa", "sha512", false)] {
            let armored = try rsa(algorithm, hash: hash) { _ in [] }
            let ours = SSHSignatureParsingTests.isValid(SSHVerification.verify(armored: armored, message: s.message))
            #expect(try s.sshKeygenAccepts(armored) == expected, "ssh-keygen on \(algorithm)/\(hash)")
            #expect(ours == expected, "Inquest on \(algorithm)/\(hash)")
        }

        // ed25519 over the sha256 hash.
        let ed = Curve25519.Signing.PrivateKey()
        var edPub = SSHWireWriter()
        edPub.string("ssh-ed25519")
        edPub.string(Array(ed.publicKey.rawRepresentation))
        var edSig = SSHWireWriter()
        edSig.string("ssh-ed25519")
        edSig.string(Array(try ed.signature(for: Self.signedData(s.message, hash: "sha256"))))
        let armored = Self.armor(publicKey: edPub.bytes, hash: "sha256", signature: edSig.bytes)
        #expect(try s.sshKeygenAccepts(armored))
        #expect(SSHSignatureParsingTests.isValid(SSHVerification.verify(armored: armored, message: s.message)))
        // The same signature claiming the other hash: both refuse.
        let claimed = Self.armor(publicKey: edPub.bytes, hash: "sha512", signature: edSig.bytes)
        #expect(try !s.sshKeygenAccepts(claimed))
        #expect(!SSHSignatureParsingTests.isValid(SSHVerification.verify(armored: claimed, message: s.message)))
    }
}
