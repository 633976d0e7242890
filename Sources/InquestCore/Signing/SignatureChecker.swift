import Foundation
import GitKit
import Synchronization

/// What a commit's signature is worth against the trust roots in force for it.
public struct SignatureCheck: Hashable, Sendable {
    public enum State: String, Sendable, CaseIterable {
        /// Signed, the signature matches the commit, and the key is a trust root in force.
        case good
        /// Signed, but the signature does not match the commit (altered after signing), or
        /// is not a signature at all.
        case bad
        /// No signature.
        case unsigned
        /// A signature that matches (or, for an unknown OpenPGP key, cannot be checked), by a
        /// key that is not a trust root in force: unknown, added later, or removed earlier.
        case untrusted
    }

    public var state: State
    public var format: SignatureFormat?
    /// The key that made the signature, when known: `SHA256:…` (SSH) or a fingerprint.
    public var fingerprint: String?
    /// The owner of the trust root that vouches for the signature (good only).
    public var signer: KeyOwner?
    /// Why it is not good, or a note on why it is (bootstrap).
    public var reason: String?
    /// Set when the signature holds but the OpenPGP key that made it can no longer vouch for
    /// anything: it has expired or been revoked (the state is then `untrusted`, as git's
    /// verify-commit fails such a commit).
    public var keyStatus: KeyStatus?

    /// What became of an OpenPGP key that made a signature which otherwise holds.
    public enum KeyStatus: String, Sendable, CaseIterable {
        case expired
        case revoked
    }

    public init(state: State, format: SignatureFormat? = nil, fingerprint: String? = nil,
                signer: KeyOwner? = nil, reason: String? = nil, keyStatus: KeyStatus? = nil) {
        self.state = state
        self.format = format
        self.fingerprint = fingerprint
        self.signer = signer
        self.reason = reason
        self.keyStatus = keyStatus
    }
}

/// Checks commit signatures against a given set of trust roots, using no personal keyring.
///
/// - SSH signatures (SSHSIG, as git makes them with `ssh-keygen -Y sign -n git`) are verified
///   in process with swift-crypto: ed25519, ECDSA P-256/P-384/P-521 and RSA with SHA-2.
///   Key kinds not handled in process (security keys, certificates) go to ssh-keygen, with
///   an allowed-signers file of the roots, as git's verify-commit does.
/// - OpenPGP signatures go to gpg, with the roots imported into a temporary GNUPGHOME: all
///   the signatures `prefetch` is given in one gpg process, any other one at a time.
///
/// What the cryptography says of a signature does not depend on the roots (which key made
/// it, whether it holds), so it is worked out once per commit and per run; the verdict for a
/// set of roots follows from it without another check. Verdicts are kept between runs in a
/// `VerdictCache` when the checker is given the git directory.
///
/// One checker serves a whole run (verify, log, a gate) and cleans up on `close()`.
final class SignatureChecker {
    let gpgProgram: String
    let sshProgram: String
    let environment: [String: String]
    private let scratch: Scratch
    private let cache: VerdictCache?
    private var allowedSignersFiles: [String: String] = [:]
    private var serial = 0

    private var sshFacts: [OID: SSHVerification] = [:]
    private var rootKeys: [String: SSHPublicKey?] = [:]
    /// gpg's answers, with the keyring that gave them: an answer serves roots whose OpenPGP
    /// keys that keyring holds, exactly as imported.
    private var gpgFacts: [OID: (OpenPGPOutcome, KeyringRef)] = [:]
    private var keyrings: [Set<TrustedKey.Material>: KeyringRef] = [:]
    private var lastDigest: (TrustRoots, String)?

    final class KeyringRef {
        let keyring: OpenPGPKeyring
        let keys: Set<TrustedKey.Material>
        init(_ keyring: OpenPGPKeyring, _ keys: Set<TrustedKey.Material>) {
            self.keyring = keyring
            self.keys = keys
        }
    }

    /// What the checker did, for tests and the benchmark.
    struct Counters {
        var cacheHits = 0
        var sshInProcess = 0
        var sshKeygenRuns = 0
        var gpgRuns = 0
    }
    private(set) var counters = Counters()

    /// `gitDirectory`: where to keep verdicts between runs (nil: keep none).
    init(gpgProgram: String, sshProgram: String, environment: [String: String], gitDirectory: String? = nil) throws {
        self.gpgProgram = gpgProgram
        self.sshProgram = sshProgram
        self.environment = environment
        scratch = try Scratch()
        cache = gitDirectory.map { VerdictCache(directory: $0) }
    }

    /// Saves what the run learned and removes the temporary files and keyrings.
    func close() {
        cache?.save()
        scratch.close()
    }

    var verdictCache: VerdictCache? { cache }

    /// The signature's state against `roots`. With `commit` (the id of the commit carrying
    /// the signature), the verdict is looked up in and added to the cache, and what was
    /// learned in `prefetch` is used.
    func check(_ signature: CommitSignature, against roots: TrustRoots, commit: OID? = nil) throws -> SignatureCheck {
        guard let commit, let cache else { return try judge(signature, roots, commit).check }
        let trust = digest(roots)
        if let hit = cache.lookup(commit, trust: trust) {
            counters.cacheHits += 1
            return hit
        }
        let (check, until) = try judge(signature, roots, commit)
        cache.store(commit, trust: trust, check, validUntil: until)
        return check
    }

    /// The verdict the cache holds for `commit` against `roots`, without reading the
    /// signature: a warm run needs no more than this for a commit seen before.
    func cached(_ commit: OID, against roots: TrustRoots) -> SignatureCheck? {
        guard let cache, let hit = cache.lookup(commit, trust: digest(roots)) else { return nil }
        counters.cacheHits += 1
        return hit
    }

    /// Works out up front what the cryptography says of many signatures, so the checks that
    /// follow need no process: SSH ones in process, on every core; OpenPGP ones in one gpg
    /// run with `openpgpKeys` imported (give the keys of every set of roots the commits will
    /// be checked against). Commits the cache already knows are skipped.
    func prefetch(_ signatures: [(OID, CommitSignature)], openpgpKeys: [TrustedKey]) throws {
        var ssh: [(OID, CommitSignature)] = []
        var gpg: [(OID, CommitSignature)] = []
        for (id, sig) in signatures where !(cache?.knows(id) ?? false) {
            switch SignatureFormat(armored: sig.signature) {
            case .ssh where sshFacts[id] == nil: ssh.append((id, sig))
            case .openpgp where gpgFacts[id] == nil: gpg.append((id, sig))
            default: break
            }
        }
        for (id, v) in Self.verifySSH(ssh) { sshFacts[id] = v }
        counters.sshInProcess += ssh.count
        guard !gpg.isEmpty else { return }
        // One material per fingerprint: two versions of a key (one with a revocation, say)
        // would merge in one keyring, so such keys are left to one-at-a-time checks.
        var byFingerprint: [String: Set<TrustedKey.Material>] = [:]
        for k in openpgpKeys where k.format == .openpgp { byFingerprint[k.fingerprint.uppercased(), default: []].insert(k.material) }
        let keys = Set(byFingerprint.values.filter { $0.count == 1 }.flatMap { $0 })
        let ref = try keyring(for: keys)
        let outcomes = try ref.keyring.verify(gpg)
        counters.gpgRuns += 1
        for (id, o) in outcomes { gpgFacts[id] = (o, ref) }
    }

    /// SSH signatures verified in parallel: each is independent and pure computation.
    private static func verifySSH(_ items: [(OID, CommitSignature)]) -> [(OID, SSHVerification)] {
        guard items.count > 1 else { return items.map { ($0.0, SSHVerification.verify(armored: $0.1.signature, message: $0.1.signedData)) } }
        let chunks = min(ProcessInfo.processInfo.activeProcessorCount, 8, items.count)
        let results = Mutex<[[(OID, SSHVerification)]]>(Array(repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var out: [(OID, SSHVerification)] = []
            var i = c
            while i < items.count {
                out.append((items[i].0, SSHVerification.verify(armored: items[i].1.signature, message: items[i].1.signedData)))
                i += chunks
            }
            results.withLock { $0[c] = out }
        }
        return results.withLock { $0.flatMap { $0 } }
    }

    private func digest(_ roots: TrustRoots) -> String {
        if let (r, d) = lastDigest, r == roots { return d }
        let d = TrustDigest.of(roots)
        lastDigest = (roots, d)
        return d
    }

    /// The verdict, and until when it holds (nil: for ever).
    private func judge(_ signature: CommitSignature, _ roots: TrustRoots, _ commit: OID?) throws -> (check: SignatureCheck, until: Int64?) {
        switch SignatureFormat(armored: signature.signature) {
        case .ssh: return (try checkSSH(signature, roots, commit), nil)
        case .openpgp: return try checkOpenPGP(signature, roots, commit)
        case nil:
            if signature.signature.contains("-----BEGIN SIGNED MESSAGE-----") {
                return (SignatureCheck(state: .untrusted, reason: "an X.509 signature, which Inquest cannot check against trust roots"), nil)
            }
            return (SignatureCheck(state: .bad, reason: "the gpgsig header holds no OpenPGP or SSH signature"), nil)
        }
    }

    private func nextName(_ stem: String) -> String {
        serial += 1
        return "\(stem)\(serial)"
    }

    // MARK: SSH

    private func rootKey(_ key: TrustedKey) -> SSHPublicKey? {
        guard case .ssh(_, let blob) = key.material else { return nil }
        if let k = rootKeys[blob] { return k }
        let k = Data(base64Encoded: blob).flatMap { try? SSHPublicKey.parse(blob: Array($0)) }
        rootKeys[blob] = k
        return k
    }

    private func checkSSH(_ signature: CommitSignature, _ roots: TrustRoots, _ commit: OID?) throws -> SignatureCheck {
        let fact: SSHVerification
        if let commit, let known = sshFacts[commit] {
            fact = known
        } else {
            fact = SSHVerification.verify(armored: signature.signature, message: signature.signedData)
            counters.sshInProcess += 1
            if let commit { sshFacts[commit] = fact }
        }
        func fingerprint(_ blob: [UInt8]?, _ key: SSHPublicKey?) -> String? {
            guard let blob, let key else { return nil }
            return TrustedKey.Material.ssh(type: key.typeName, blob: Data(blob).base64EncodedString()).fingerprint
        }
        switch fact {
        case .valid(let key, let blob):
            if let root = roots.keys(.ssh).first(where: { rootKey($0) == key }) {
                return SignatureCheck(state: .good, format: .ssh, fingerprint: root.fingerprint, signer: root.owner)
            }
            let fp = fingerprint(blob, key) ?? "an SSH key"
            return SignatureCheck(state: .untrusted, format: .ssh, fingerprint: fp,
                                  reason: "signed by \(fp) which is not a trust root in force")
        case .invalid(let key, let blob, let reason):
            if let key, let root = roots.keys(.ssh).first(where: { rootKey($0) == key }) {
                return SignatureCheck(state: .bad, format: .ssh, fingerprint: root.fingerprint,
                                      reason: "the signature by \(root.owner.email)'s key does not match the commit"
                                        + (reason == "the SSH signature does not match the commit" ? "" : " (\(reason))"))
            }
            return SignatureCheck(state: .bad, format: .ssh, fingerprint: fingerprint(blob, key), reason: reason)
        case .unsupported:
            return try checkSSHWithKeygen(signature, roots)
        }
    }

    private func allowedSigners(_ roots: TrustRoots) throws -> String {
        let text = roots.allowedSignersText
        if let path = allowedSignersFiles[text] { return path }
        let path = try scratch.write(nextName("allowed"), Data(text.utf8))
        allowedSignersFiles[text] = path
        return path
    }

    /// As git's verify-commit does: find the principal the key belongs to, verify as that
    /// principal; with none, check the signature alone to tell untrusted from bad.
    private func checkSSHWithKeygen(_ signature: CommitSignature, _ roots: TrustRoots) throws -> SignatureCheck {
        let sigFile = try scratch.write(nextName("sig"), Data((signature.signature + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: sigFile) }
        let allowed = try allowedSigners(roots)
        counters.sshKeygenRuns += 1
        let found = try ProcessRunner.run(sshProgram, ["-Y", "find-principals", "-s", sigFile, "-f", allowed],
                                          environment: environment)
        let principal = found.status == 0
            ? found.stdoutText.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } : nil
        if let principal, !principal.isEmpty {
            counters.sshKeygenRuns += 1
            let r = try ProcessRunner.run(sshProgram, ["-Y", "verify", "-f", allowed, "-I", principal, "-n", "git",
                                                       "-s", sigFile], environment: environment, stdin: signature.signedData)
            let fingerprint = Self.sshFingerprint(r.stdoutText + r.stderrText)
            if r.status == 0 {
                let key = fingerprint.flatMap { roots.key(fingerprint: $0) }
                    ?? roots.keys(.ssh).first { $0.owner.matches(email: principal) }
                return SignatureCheck(state: .good, format: .ssh, fingerprint: fingerprint ?? key?.fingerprint,
                                      signer: key?.owner ?? KeyOwner(name: "", email: principal))
            }
            let key = roots.keys(.ssh).first { $0.owner.matches(email: principal) }
            return SignatureCheck(state: .bad, format: .ssh, fingerprint: fingerprint ?? key?.fingerprint,
                                  reason: "the signature by \(principal)'s key does not match the commit")
        }
        counters.sshKeygenRuns += 1
        let r = try ProcessRunner.run(sshProgram, ["-Y", "check-novalidate", "-n", "git", "-s", sigFile],
                                      environment: environment, stdin: signature.signedData)
        let fingerprint = Self.sshFingerprint(r.stdoutText + r.stderrText)
        if r.status == 0 {
            return SignatureCheck(state: .untrusted, format: .ssh, fingerprint: fingerprint,
                                  reason: "signed by \(fingerprint ?? "an SSH key") which is not a trust root in force")
        }
        return SignatureCheck(state: .bad, format: .ssh, fingerprint: fingerprint,
                              reason: "the SSH signature does not match the commit")
    }

    /// `… with ED25519 key SHA256:abc…` in ssh-keygen's output.
    static func sshFingerprint(_ output: String) -> String? {
        guard let r = output.range(of: "SHA256:") else { return nil }
        let tail = output[r.lowerBound...]
        return String(tail.prefix { !$0.isWhitespace })
    }

    // MARK: OpenPGP

    private func keyring(for keys: Set<TrustedKey.Material>) throws -> KeyringRef {
        if let k = keyrings[keys] { return k }
        let trusted = keys.map { TrustedKey(material: $0, owner: KeyOwner(name: "", email: "")) }
            .sorted { $0.fingerprint < $1.fingerprint }
        let ring = try OpenPGPKeyring(keys: trusted, gpgProgram: gpgProgram, environment: environment,
                                      scratch: scratch, name: nextName("g"))
        counters.gpgRuns += ring.processes
        let ref = KeyringRef(ring, keys)
        keyrings[keys] = ref
        return ref
    }

    private func checkOpenPGP(_ signature: CommitSignature, _ roots: TrustRoots,
                              _ commit: OID?) throws -> (check: SignatureCheck, until: Int64?) {
        let rootKeys = Set(roots.keys(.openpgp).map(\.material))
        if let commit, let (outcome, ref) = gpgFacts[commit], rootKeys.isSubset(of: ref.keys) {
            return interpret(outcome, ref.keyring.listing, roots)
        }
        let ref = try keyring(for: rootKeys)
        let id = commit ?? OID(hex: String(repeating: "0", count: 40))!
        let before = ref.keyring.processes
        guard let outcome = try ref.keyring.verify([(id, signature)])[id] else {
            return (SignatureCheck(state: .bad, format: .openpgp, reason: "gpg gave no answer"), nil)
        }
        counters.gpgRuns += ref.keyring.processes - before
        if let commit { gpgFacts[commit] = (outcome, ref) }
        return interpret(outcome, ref.keyring.listing, roots)
    }

    /// The verdict from gpg's answer. It depends only on the roots, never on what else the
    /// keyring held: a signature by a key that is not a root is `untrusted`, named by its
    /// key id, whether gpg could check it or not.
    private func interpret(_ o: OpenPGPOutcome, _ listing: OpenPGPKeyListing,
                           _ roots: TrustRoots) -> (check: SignatureCheck, until: Int64?) {
        let primary = o.primary ?? o.keyID.flatMap(listing.primary(of:))
        let root = primary.flatMap { p in roots.keys(.openpgp).first { $0.fingerprint.uppercased() == p } }
        let keyID = String((o.signingKey ?? o.keyID ?? primary ?? "").suffix(16))
        func notARoot() -> (check: SignatureCheck, until: Int64?) {
            (SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: keyID.isEmpty ? nil : keyID,
                            reason: "signed by \(keyID.isEmpty ? "an unknown key" : keyID) which is not a trust root in force"), nil)
        }
        func date(_ t: Int64?) -> String { t.map { Timestamp(seconds: $0).description } ?? "an unknown date" }
        switch o.kind {
        case .malformed(let why), .error(let why):
            return (SignatureCheck(state: .bad, format: .openpgp, fingerprint: root?.fingerprint, reason: why), nil)
        case .noPublicKey:
            return notARoot()
        case .bad:
            guard let root else { return notARoot() }
            return (SignatureCheck(state: .bad, format: .openpgp, fingerprint: root.fingerprint,
                                   reason: "the OpenPGP signature does not match the commit"), nil)
        case .valid:
            guard let root else { return notARoot() }
            let expiries = [o.signingKey, primary].compactMap { $0.flatMap { listing.keys[$0]?.expires } }
            return (SignatureCheck(state: .good, format: .openpgp, fingerprint: root.fingerprint, signer: root.owner),
                    expiries.min())
        case .expiredKey:
            guard let root else { return notARoot() }
            let when = [o.signingKey, primary].compactMap { $0.flatMap { listing.keys[$0]?.expires } }.min()
            return (SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: root.fingerprint,
                                   reason: "signed by \(root.owner.email)'s key \(root.fingerprint), which expired on \(date(when))",
                                   keyStatus: .expired), nil)
        case .revokedKey:
            guard let root else { return notARoot() }
            let rev = [primary, o.signingKey].compactMap { $0.flatMap { listing.keys[$0]?.revocation } }.first
            return (SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: root.fingerprint,
                                   reason: "signed by \(root.owner.email)'s key \(root.fingerprint), which was revoked on \(date(rev?.at)) (\(rev?.reasonText ?? "no reason given"))",
                                   keyStatus: .revoked), nil)
        case .expiredSignature:
            guard let root else { return notARoot() }
            return (SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: root.fingerprint,
                                   reason: "the signature by \(root.owner.email)'s key has expired"), nil)
        }
    }
}
