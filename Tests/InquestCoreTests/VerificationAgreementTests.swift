import Foundation
import GitKit
import Testing
import TestSupport
@testable import InquestCore

/// A repository of commits signed every way git signs them, with git itself as the judge.
final class MixedHistory {
    let tmp = TempDir("inquest-agree")
    let sandbox: Sandbox
    let repo: String
    /// The keys that sign; `gpgHome` holds the OpenPGP secret keys.
    let gpgHome: GPGHome
    /// Only the trusted OpenPGP public keys: what `git verify-commit` gets as GNUPGHOME.
    let trustedGPG: GPGHome
    private(set) var allowedSigners = ""
    private(set) var roots = TrustRoots()
    /// Each commit, what Inquest must say of it, and the key status for expired/revoked keys.
    var rows: [(name: String, commit: String, expected: SignatureCheck.State, keyStatus: SignatureCheck.KeyStatus?)] = []
    private var serial = 0

    init() throws {
        sandbox = Sandbox(home: tmp.sub("home"))
        repo = tmp.sub("repo")
        try sandbox.makeRepository(repo)
        gpgHome = try GPGHome()
        trustedGPG = try GPGHome()
        let keys = tmp.sub("keys")
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)

        // SSH keys of every kind git users have; mallory's is not trusted.
        func ssh(_ name: String, _ type: String, _ bits: String?) throws -> String {
            let path = keys + "/" + name
            var args = ["-q", "-t", type, "-N", "", "-C", name, "-f", path]
            if let bits { args += ["-b", bits] }
            let r = try sandbox.run("ssh-keygen", args, cwd: keys)
            guard r.status == 0 else { throw SetupFailed(description: "ssh-keygen \(type): \(r.stderr)") }
            return path
        }
        let alice = try ssh("alice", "ed25519", nil)
        let bob = try ssh("bob", "ecdsa", "256")
        let carol = try ssh("carol", "ecdsa", "384")
        let dave = try ssh("dave", "rsa", "3072")
        let erin = try ssh("erin", "ecdsa", "521")
        let mallory = try ssh("mallory", "ed25519", nil)
        var trusted: [TrustedKey] = []
        var allowed = ""
        for (name, path) in [("alice", alice), ("bob", bob), ("carol", carol), ("dave", dave), ("erin", erin)] {
            let pub = try String(contentsOfFile: path + ".pub", encoding: .utf8)
            let material = try #require(TrustedKey.Material.sshPublicKey(pub))
            trusted.append(TrustedKey(material: material, owner: KeyOwner(name: name, email: "\(name)@example.com")))
            allowed += "\(name)@example.com \(material.sshLine!)\n"
        }
        allowedSigners = tmp.path + "/" + "allowed_signers"
        try allowed.write(toFile: allowedSigners, atomically: true, encoding: .utf8)

        // OpenPGP: gina trusted, gus not, ed's key expired, rex's revoked after signing.
        let gina = try gpgHome.generate("Gina <gina@example.com>")
        try gpgHome.generate("Gus <gus@example.com>")
        try gpgHome.run("gpg", ["--batch", "--faked-system-time", "20200101T000000", "--pinentry-mode", "loopback",
                                "--passphrase", "", "--quick-gen-key", "Ed <ed@example.com>", "ed25519", "sign", "1d"])
        let rex = try gpgHome.generate("Rex <rex@example.com>")
        let pastGPG = tmp.path + "/" + "gpg-in-2020"
        try "#!/bin/sh\nexec gpg --faked-system-time 20200101T010000 \"$@\"\n".write(toFile: pastGPG, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: pastGPG)

        func commit(_ name: String, _ config: [String]) throws -> String {
            serial += 1
            try sandbox.git(config + ["commit", "-q", "--allow-empty", "-m", "commit \(serial): \(name)"], in: repo,
                            env: gpgHome.environment)
            return try sandbox.git(["rev-parse", "HEAD"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func sshSigned(_ key: String, _ name: String) throws -> String {
            try commit(name, ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)", "-c", "commit.gpgsign=true"])
        }
        func gpgSigned(_ key: String, _ name: String, program: String = "gpg") throws -> String {
            try commit(name, ["-c", "gpg.format=openpgp", "-c", "user.signingkey=\(key)", "-c", "commit.gpgsign=true",
                              "-c", "gpg.program=\(program)"])
        }
        let aliceGood = try sshSigned(alice, "ed25519")
        rows.append(("ed25519", aliceGood, .good, nil))
        rows.append(("ECDSA P-256", try sshSigned(bob, "P-256"), .good, nil))
        rows.append(("ECDSA P-384", try sshSigned(carol, "P-384"), .good, nil))
        rows.append(("ECDSA P-521", try sshSigned(erin, "P-521"), .good, nil))
        rows.append(("RSA 3072 (rsa-sha2-512)", try sshSigned(dave, "RSA"), .good, nil))
        rows.append(("untrusted SSH key", try sshSigned(mallory, "mallory"), .untrusted, nil))
        rows.append(("unsigned", try commit("unsigned", ["-c", "commit.gpgsign=false"]), .unsigned, nil))
        let bobGood = try sshSigned(bob, "bob again")
        rows.append(("SSH, signature bytes altered", try tamperSignature(aliceGood), .bad, nil))
        rows.append(("ECDSA, signature bytes altered", try tamperSignature(bobGood), .bad, nil))
        rows.append(("SSH, content altered after signing", try tamperMessage(aliceGood), .bad, nil))
        rows.append(("untrusted SSH key, content altered", try tamperMessage(rows[5].commit), .bad, nil))
        rows.append(("SSH, namespace 'file' not 'git'", try signedByHand(alice, namespace: "file"), .bad, nil))
        rows.append(("SSH, garbage in the armor", try withSignature(aliceGood, "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----"), .bad, nil))
        let ginaGood = try gpgSigned(gina, "gpg")
        rows.append(("OpenPGP", ginaGood, .good, nil))
        rows.append(("OpenPGP, content altered", try tamperMessage(ginaGood), .bad, nil))
        rows.append(("OpenPGP, signature bytes altered", try tamperSignature(ginaGood), .bad, nil))
        rows.append(("OpenPGP, untrusted key", try gpgSigned("gus@example.com", "gus"), .untrusted, nil))
        rows.append(("OpenPGP, expired key", try gpgSigned("ed@example.com", "ed", program: pastGPG), .untrusted, .expired))
        rows.append(("OpenPGP, revoked key", try gpgSigned(rex, "rex"), .untrusted, .revoked))
        rows.append(("X.509-looking header", try withSignature(aliceGood, "-----BEGIN SIGNED MESSAGE-----\nAAAA\n-----END SIGNED MESSAGE-----"), .untrusted, nil))

        // Revoke rex's key now, after it signed: the revocation travels with the public key.
        let rev = try String(contentsOfFile: "\(gpgHome.path)/openpgp-revocs.d/\(rex).rev", encoding: .utf8)
            .replacingOccurrences(of: ":-----BEGIN", with: "-----BEGIN")
        let revFile = tmp.path + "/" + "rex.rev"
        try rev.write(toFile: revFile, atomically: true, encoding: .utf8)
        try gpgHome.run("gpg", ["--batch", "--import", revFile])
        for (name, email) in [("gina", "gina@example.com"), ("ed", "ed@example.com"), ("rex", "rex@example.com")] {
            let file = tmp.path + "/" + "\(name).asc"
            try gpgHome.export(email, to: file)
            try trustedGPG.run("gpg", ["--batch", "--import", file])
            let armored = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let listing = try gpgHome.run("gpg", ["--batch", "--with-colons", "--list-keys", email])
            let fpr = String(try #require(listing.split(separator: "\n").first { $0.hasPrefix("fpr:") })
                .split(separator: ":", omittingEmptySubsequences: false)[9])
            trusted.append(TrustedKey(material: .openpgp(fingerprint: fpr, armored: armored),
                                      owner: KeyOwner(name: name, email: email)))
        }
        roots = TrustRoots(keys: trusted)
    }

    var gitDirectory: String { repo + "/.git" }

    /// `git cat-file` of a commit, changed by `edit`, written back with `git hash-object`.
    func rewrite(_ commit: String, _ edit: (String) -> String) throws -> String {
        let raw = try sandbox.git(["cat-file", "commit", commit], in: repo)
        let changed = edit(raw)
        precondition(changed != raw, "the edit changed nothing")
        return try sandbox.run("git", ["hash-object", "-t", "commit", "-w", "--stdin"], cwd: repo, stdin: changed)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func tamperMessage(_ commit: String) throws -> String {
        try rewrite(commit) { $0.replacingOccurrences(of: "\n\ncommit ", with: "\n\ncommit altered ") }
    }

    /// Flips one base64 character in the signature's body, two lines above its footer.
    func tamperSignature(_ commit: String) throws -> String {
        try rewrite(commit) { raw in
            var lines = raw.components(separatedBy: "\n")
            let end = lines.firstIndex { $0.hasPrefix(" -----END") }!
            var target = Array(lines[end - 2])
            let i = target.count / 2
            target[i] = target[i] == "A" ? "B" : "A"
            lines[end - 2] = String(target)
            return lines.joined(separator: "\n")
        }
    }

    /// The same commit with its signature header replaced by `signature`.
    func withSignature(_ commit: String, _ signature: String) throws -> String {
        try rewrite(commit) { raw in
            var out: [String] = []
            var inSig = false
            for line in raw.components(separatedBy: "\n") {
                if line.hasPrefix("gpgsig ") {
                    inSig = true
                    out.append("gpgsig " + signature.replacingOccurrences(of: "\n", with: "\n "))
                    continue
                }
                if inSig && line.hasPrefix(" ") { continue }
                inSig = false
                out.append(line)
            }
            return out.joined(separator: "\n")
        }
    }

    /// An unsigned commit signed with ssh-keygen by hand, in another namespace than git's.
    func signedByHand(_ key: String, namespace: String) throws -> String {
        serial += 1
        let tree = try sandbox.git(["rev-parse", "HEAD^{tree}"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        let base = try sandbox.run("git", ["commit-tree", tree, "-m", "commit \(serial): by hand"], cwd: repo)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let payload = tmp.path + "/" + "payload-\(serial)"
        try sandbox.git(["cat-file", "commit", base], in: repo).write(toFile: payload, atomically: true, encoding: .utf8)
        let r = try sandbox.run("ssh-keygen", ["-Y", "sign", "-n", namespace, "-f", key, payload], cwd: repo)
        guard r.status == 0 else { throw SetupFailed(description: "ssh-keygen -Y sign: \(r.stderr)") }
        let sig = try String(contentsOfFile: payload + ".sig", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try rewrite(base) { raw in
            let parts = raw.components(separatedBy: "\n\n")
            return parts[0] + "\ngpgsig " + sig.replacingOccurrences(of: "\n", with: "\n ") + "\n\n"
                + parts.dropFirst().joined(separator: "\n\n")
        }
    }

    /// What git says: verify-commit's exit status and `%G?`, with the same allowed signers,
    /// only the trusted OpenPGP keys and an empty HOME.
    func git(_ commit: String) throws -> (ok: Bool, letter: String) {
        let env = ["GNUPGHOME": trustedGPG.path, "HOME": tmp.sub("empty-home")]
        let cfg = ["-c", "gpg.ssh.allowedSignersFile=\(allowedSigners)"]
        let verify = try sandbox.run("git", cfg + ["verify-commit", commit], cwd: repo, env: env)
        let letter = try sandbox.run("git", cfg + ["log", "-1", "--format=%G?", commit], cwd: repo, env: env)
        return (verify.status == 0, letter.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// What the checker says of each row.
    func inquest(_ checker: SignatureChecker, prefetch: Bool) throws -> [SignatureCheck] {
        let repository = try Repository.open(at: repo)
        let ids = rows.map { OID(hex: $0.commit)! }
        if prefetch {
            let sigs = try ids.compactMap { id in try repository.commitSignature(id).map { (id, $0) } }
            try checker.prefetch(sigs, openpgpKeys: roots.keys(.openpgp))
        }
        return try ids.map { id in
            guard let sig = try repository.commitSignature(id) else { return SignatureCheck(state: .unsigned) }
            return try checker.check(sig, against: roots, commit: id)
        }
    }
}

@Suite(.serialized) struct VerificationAgreementTests {
    /// The table: every kind of commit, Inquest's verdict against git verify-commit's, and
    /// the same verdicts one at a time, batched, and from the cache.
    @Test func verdictsAgreeWithGitVerifyCommitOnAMixedHistory() throws {
        let h = try MixedHistory()
        let env = h.sandbox.environment

        let single = try SignatureChecker(gpgProgram: "gpg", sshProgram: "ssh-keygen", environment: env)
        let one = try h.inquest(single, prefetch: false)
        single.close()

        for (row, ours) in zip(h.rows, one) {
            let git = try h.git(row.commit)
            #expect(ours.state == row.expected, "\(row.name): Inquest says \(ours.state) (\(ours.reason ?? "")), expected \(row.expected)")
            #expect((ours.state == .good) == git.ok, "\(row.name): Inquest \(ours.state), git verify-commit \(git.ok ? "ok" : "fails") (%G? \(git.letter))")
            #expect(ours.keyStatus == row.keyStatus, "\(row.name): key status \(String(describing: ours.keyStatus))")
            // git's %G? letters: G/U for a signature that holds by a known key, N for none (git
            // also says N for a header it cannot read at all, where Inquest says bad), B bad,
            // E cannot be checked (or, for SSH, U: a key not allowed), X/Y/R expired signature, expired key, revoked key.
            switch ours.state {
            case .good:
                #expect(["G", "U"].contains(git.letter), "\(row.name): %G? \(git.letter)")
                #expect(ours.signer != nil && ours.fingerprint != nil, "\(row.name)")
            case .unsigned: #expect(git.letter == "N", "\(row.name): %G? \(git.letter)")
            case .bad: #expect(!["G", "U"].contains(git.letter), "\(row.name): %G? \(git.letter)")
            // git marks an SSH signature by a key outside the allowed signers U, and fails it.
            case .untrusted: #expect(git.letter != "G", "\(row.name): %G? \(git.letter)")
            }
            if row.keyStatus == .expired { #expect(git.letter == "Y") }
            if row.keyStatus == .revoked { #expect(git.letter == "R") }
        }
        // Expired and revoked keys are named as such, with the date.
        let expired = try #require(one.first { $0.keyStatus == .expired })
        #expect(expired.reason?.contains("expired on 2020-01-02") == true, "\(expired.reason ?? "")")
        let revoked = try #require(one.first { $0.keyStatus == .revoked })
        #expect(revoked.reason?.contains("revoked on") == true, "\(revoked.reason ?? "")")

        // Batched: SSH in process, every OpenPGP signature in one gpg verify run (plus the
        // import and listing of the keyring), no ssh-keygen; the same verdicts.
        let batched = try SignatureChecker(gpgProgram: "gpg", sshProgram: "ssh-keygen", environment: env,
                                           gitDirectory: h.gitDirectory)
        let two = try h.inquest(batched, prefetch: true)
        #expect(batched.counters.gpgRuns == 3, "gpg runs: \(batched.counters.gpgRuns)")
        #expect(batched.counters.sshKeygenRuns == 0)
        #expect(batched.counters.cacheHits == 0)
        batched.close()
        #expect(two == one)

        // Cached: nothing checked again, the same verdicts.
        let warm = try SignatureChecker(gpgProgram: "gpg", sshProgram: "ssh-keygen", environment: env,
                                        gitDirectory: h.gitDirectory)
        let three = try h.inquest(warm, prefetch: true)
        #expect(warm.counters.cacheHits == one.filter { $0.state != .unsigned }.count)
        #expect(warm.counters.gpgRuns == 0 && warm.counters.sshInProcess == 0)
        warm.close()
        #expect(three == one)
    }
}

/// A setup step that failed, with what the program said.
struct SetupFailed: Error, CustomStringConvertible {
    let description: String
}
