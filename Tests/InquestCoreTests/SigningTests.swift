import Foundation
import GitKit
import Testing
import TestSupport
@testable import InquestCore

/// A repository driven in-process through `Postmortems`, with people who sign.
struct CoreWorld {
    let tmp = TempDir()
    let sandbox: Sandbox
    let repo: String
    static let now = Date(timeIntervalSince1970: 1_795_867_200) // 2026-11-28T12:00:00Z

    init() throws {
        sandbox = Sandbox(home: tmp.sub("home"))
        repo = tmp.sub("repo")
        try sandbox.makeRepository(repo)
    }

    /// An SSH key for `name`, made once per world.
    func key(_ name: String) throws -> String {
        let path = tmp.sub("keys") + "/" + name
        if !FileManager.default.fileExists(atPath: path) { try Keys.ssh(path, comment: name) }
        return path
    }

    func environment(_ name: String, _ email: String) -> [String: String] {
        sandbox.environment.merging(["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
                                     "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email]) { $1 }
    }

    /// `Postmortems` as `name <email>`, signing with `signer` (default: their own SSH key).
    func as_(_ name: String, _ email: String, signer: (any Signer)?? = .none) throws -> Postmortems {
        let env = environment(name, email)
        let pm = Postmortems(store: try Store.open(path: repo, branch: nil, environment: env), now: Self.now)
        switch signer {
        case .none: pm.use(signer: SSHSigner(key: try key(name.lowercased()), baseDirectory: repo, environment: env))
        case .some(let s): pm.use(signer: s)
        }
        return pm
    }

    func alice(_ signer: (any Signer)?? = .none) throws -> Postmortems { try as_("Alice", "alice@example.com", signer: signer) }
    func bob(_ signer: (any Signer)?? = .none) throws -> Postmortems { try as_("Bob", "bob@example.com", signer: signer) }
    func mallory() throws -> Postmortems { try as_("Mallory", "mallory@example.com") }

    func pub(_ name: String) throws -> KeyInput {
        .text(try String(contentsOfFile: try key(name) + ".pub", encoding: .utf8))
    }
}

@Suite struct SigningTests {
    @Test func everyStoreWriteGoesThroughTheSignerAndARefusalWritesNothing() throws {
        let w = try CoreWorld()
        let pm = try w.alice(FakeSigner(name: "alice"))
        #expect(try pm.initialize())
        let id = try pm.create(.init(title: "Signed by a fake"))
        try pm.set(id.description, [try Assignment.parse("owner=alice")])
        let repo = pm.store.repository
        let commits = try repo.walk(from: [try pm.store.tip!])
        #expect(commits.count == 3)
        for c in commits {
            let sig = try #require(try repo.commitSignature(c))
            #expect(sig.signature.hasPrefix(FakeSigner.header))
            // The signed data is the commit without its signature header, as git sees it.
            #expect(try FakeSigner(name: "alice").sign(String(decoding: sig.signedData, as: UTF8.self)) == sig.signature)
        }

        let tip = try pm.store.tip
        pm.use(signer: FakeSigner(name: "alice", refuse: true))
        let error = #expect(throws: InquestError.self) { try pm.create(.init(title: "Never written")) }
        #expect(error?.description.contains("signing failed: agent refused operation") == true)
        #expect(try pm.store.tip == tip)

        // A fake signature is not one a verifier accepts.
        let verifier = try CommitVerifier(store: pm.store)
        defer { verifier.close() }
        #expect(try verifier.verdict(tip!).state == .bad)
    }

    @Test func sshFingerprintsMatchSSHKeygen() throws {
        let w = try CoreWorld()
        for name in ["alice", "bob"] {
            let pub = try w.key(name) + ".pub"
            let material = try #require(TrustedKey.Material.sshPublicKey(try String(contentsOfFile: pub, encoding: .utf8)))
            #expect(material.fingerprint == (try Keys.sshFingerprint(pub, sandbox: w.sandbox)))
        }
        #expect(SHA256.digest(Data("abc".utf8)).map { String(format: "%02x", $0) }.joined()
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func trustFilesReadAndWriteAsPeopleAndSSHKeygenDo() throws {
        let text = """
            # a comment
            alice@example.com namespaces="git" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHadjqUfU3kE3HeUTJAeE44x0RqgyX0P2DCHfzpYySzh Alice Example
            bob@example.com,robert@example.com namespaces="git,file" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIPvylXVcX9J/40p4GY1TIUxbHnYUZ1e16CWFCiTwAlL

            carol@example.com not-a-key
            """
        let (keys, problems) = TrustFiles.parseAllowedSigners(text)
        #expect(keys.map(\.owner.description) == ["Alice Example <alice@example.com>", "<bob@example.com>"])
        #expect(problems == [".inquest/trust/allowed_signers:5: not a key line"])
        let removed = TrustFiles.removingLines(for: keys[0].material, from: text)
        #expect(!removed.contains("alice@") && removed.contains("bob@"))
        let added = TrustFiles.addingLine(for: keys[0], to: nil)
        #expect(added.hasPrefix("# Trust roots for SSH signatures"))
        #expect(added.hasSuffix("\(TrustFiles.allowedSignersLine(keys[0]))\n"))
        #expect(TrustFiles.parseAllowedSigners(added).keys == [keys[0]])

        let fpr = "54F2141BFA9F143FBC0B5CEF07D60F26C075666B"
        let pgp = TrustedKey(material: .openpgp(fingerprint: fpr, armored: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxx\n-----END PGP PUBLIC KEY BLOCK-----"),
                             owner: KeyOwner(name: "Bob", email: "bob@example.com"))
        let file = TrustFiles.renderOpenPGP(pgp)
        #expect(file.hasPrefix("Owner: Bob <bob@example.com>\nFingerprint: \(fpr)\n\n-----BEGIN"))
        #expect(try TrustFiles.parseOpenPGP(fileName: "\(fpr).asc", file).get() == pgp)
        #expect(throws: Problem.self) { try TrustFiles.parseOpenPGP(fileName: "bob.asc", file).get() }

        #expect(KeyOwner(name: "Eve", email: "*").problem != nil)
        #expect(KeyOwner(name: "Eve", email: "eve@example.com,bob@example.com").problem != nil)
        #expect(KeyOwner(name: "Eve", email: "eve@example.com").problem == nil)
        #expect(KeyOwner.parse("Eve Example <eve@example.com>") == KeyOwner(name: "Eve Example", email: "eve@example.com"))
    }

    @Test func signingConfigurationReadsGitsSettings() throws {
        let w = try CoreWorld()
        func configuration(_ settings: [(String, String)]) throws -> SigningConfiguration {
            for (k, v) in settings { try w.sandbox.git(["config", k, v], in: w.repo) }
            let repo = try Repository.open(at: w.repo)
            return SigningConfiguration(config: try repo.config(), environment: w.sandbox.environment,
                                        committer: "Alice <alice@example.com>", baseDirectory: w.repo)
        }
        var c = try configuration([])
        #expect(!c.enabledByConfig && c.shouldSign(true) && !c.shouldSign(nil))
        #expect((try c.signer() as? GPGSigner)?.key == "Alice <alice@example.com>") // git's default key
        c = try configuration([("commit.gpgsign", "true"), ("gpg.program", "gpg2"), ("gpg.ssh.program", "/opt/ssh-keygen")])
        #expect(c.enabledByConfig && !c.shouldSign(false))
        #expect(c.gpgProgram == "gpg2" && c.sshProgram == "/opt/ssh-keygen")
        c = try configuration([("inquest.sign", "false")])
        #expect(!c.enabledByConfig)
        c = try configuration([("gpg.format", "ssh")])
        #expect(throws: SigningError.self) { try c.signer() }
        c = try configuration([("gpg.ssh.defaultKeyCommand", "echo ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHadjqUfU3kE3HeUTJAeE44x0RqgyX0P2DCHfzpYySzh")])
        #expect((try c.signer() as? SSHSigner)?.key.hasPrefix("key::ssh-ed25519 AAAA") == true)
        c = try configuration([("user.signingkey", "~/.ssh/id_ed25519")])
        #expect((try c.signer() as? SSHSigner)?.keyPath == w.sandbox.home + "/.ssh/id_ed25519")
        c = try configuration([("gpg.format", "x509")])
        #expect(throws: SigningError.self) { try c.signer() }
    }

    @Test func approvalsRoundTripAndRecordDiffsDescribeFields() throws {
        var incident = Incident(id: RecordID.generate(.incident), title: "T", severity: .sev2,
                                created: Timestamp(seconds: 1_795_867_200))
        let plain = String(decoding: incident.serialized(), as: UTF8.self)
        #expect(!plain.contains("approvals"))
        incident.approvals = [Approval(by: "Bob", email: "bob@example.com", key: "SHA256:abc+/def", at: Timestamp(seconds: 1_795_867_200))]
        let data = incident.serialized()
        #expect(String(decoding: data, as: UTF8.self).contains(
            "approvals:\n  - {by: Bob, email: bob@example.com, key: \"SHA256:abc+/def\", at: 2026-11-28T12:00:00Z}\n")
            || String(decoding: data, as: UTF8.self).contains("approvals:\n  - {by: Bob, email: bob@example.com, key: SHA256:abc+/def, at: 2026-11-28T12:00:00Z}\n"))
        #expect(try Incident(data: data, path: "x/incident.md").approvals == incident.approvals)

        var changed = incident
        changed.owner = "bob"
        changed.tags = ["a", "b"]
        changed.sections.set("summary", "Line one\nLine two")
        let diff = RecordDiff.diff(old: incident.file(), new: changed.file(), kind: .incident)
        #expect(diff == [FieldChange(field: "owner", from: nil, to: "bob"),
                         FieldChange(field: "tags", from: nil, to: "[a, b]", added: ["a", "b"]),
                         FieldChange(field: "summary", from: nil, to: "Line one\nLine two")])
        #expect(RecordDiff.diff(old: changed.file(), new: nil, kind: .incident).allSatisfy { $0.to == nil })
    }
}
