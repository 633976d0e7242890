import Foundation
import GitKit

/// Judges the commits of a data branch: each signature against the trust roots in force for
/// that commit. The rules (README, "Signatures and the audit trail"):
///
/// - The roots in force for a commit are those in force after its first parent, so a commit
///   can never vouch for itself. A root commit has none.
/// - The roots in force after a commit are those before it, plus the change the commit makes
///   to `.inquest/trust/` when, and only when, the commit is good. A change that is not good
///   (unsigned, bad, or signed by a key not trusted before it) is ignored, key by key, for
///   the rest of history.
/// - Bootstrap: while no roots have ever been in force on the first-parent line, a commit
///   that adds trust roots is good when it is signed by one of the keys it adds, and either
///   its author's email is that of the branch's creator (the author of the root commit on
///   its first-parent line) or it is an explicit `inquest trust init` (trailer
///   `Inquest-Trust: init`).
///
/// Not thread-safe and not `Sendable`: one verifier serves one command run. Call `close()`
/// when done so temporary keyrings and their gpg-agents go away.
public final class CommitVerifier {
    let repository: Repository
    private let checker: SignatureChecker
    private struct State {
        var roots: TrustRoots
        var everHadRoots: Bool
        static let empty = State(roots: TrustRoots(), everHadRoots: false)
    }
    private var after: [OID: State] = [:]
    private var verdicts: [OID: SignatureCheck] = [:]
    private var infos: [OID: CommitInfo] = [:]
    private var trustTrees: [OID: OID?] = [:]
    private var rootsByTree: [OID: TrustRoots] = [:]

    public static let bootstrapTrailer = "Inquest-Trust: init"

    /// A verifier for the repository behind `store`, with the gpg and ssh-keygen programs its
    /// git configuration names (as `git verify-commit` would use).
    public convenience init(store: Store) throws {
        try self.init(repository: store.repository, environment: store.environment)
    }

    /// A verifier using the programs the repository's git configuration names.
    public convenience init(repository: Repository, environment: [String: String]) throws {
        let config = SigningConfiguration(config: try repository.config(), environment: environment,
                                          committer: nil, baseDirectory: repository.workingDirectory ?? "/")
        try self.init(repository: repository, gpgProgram: config.gpgProgram, sshProgram: config.sshProgram,
                      environment: environment)
    }

    public init(repository: Repository, gpgProgram: String, sshProgram: String,
                environment: [String: String]) throws {
        self.repository = repository
        checker = try SignatureChecker(gpgProgram: gpgProgram, sshProgram: sshProgram, environment: environment,
                                       gitDirectory: repository.gitDirectory)
    }

    deinit { checker.close() }

    /// Removes temporary keyrings and stops their agents.
    public func close() { checker.close() }

    /// The signature state of one commit.
    public func verdict(_ id: OID) throws -> SignatureCheck {
        if let v = verdicts[id] { return v }
        let info = try self.info(id)
        let v = try judge(id, info, try state(after: info.parents.first))
        verdicts[id] = v
        return v
    }

    /// Checks the signatures of `ids` together before their verdicts are asked for: SSH ones
    /// in process on every core, OpenPGP ones in one gpg run, and none the verdict cache
    /// already holds. Optional (a verdict is worked out on demand anyway), but a command that
    /// reports many commits should call it once with all of them.
    public func prepare(_ ids: [OID]) throws {
        var signatures: [(OID, CommitSignature)] = []
        var keys: [TrustedKey] = []
        var seenTrees: Set<OID> = []
        for id in ids where verdicts[id] == nil && !(checker.verdictCache?.knows(id) ?? false) {
            if let s = try repository.commitSignature(id) { signatures.append((id, s)) }
        }
        if signatures.contains(where: { SignatureFormat(armored: $0.1.signature) == .openpgp }) {
            for id in ids {
                if let t = try trustTree(of: id), seenTrees.insert(t).inserted { keys += try roots(inTrustTree: t).keys(.openpgp) }
            }
        }
        try checker.prefetch(signatures, openpgpKeys: keys)
    }

    /// The trust roots in force for a commit (those after its first parent).
    public func rootsInForce(for id: OID) throws -> TrustRoots {
        try state(after: try info(id).parents.first).roots
    }

    /// The trust roots in force after a commit: what its children are checked against.
    public func rootsInForce(after id: OID?) throws -> TrustRoots { try state(after: id).roots }

    /// Whether trust roots were ever in force on the first-parent line up to `id` (after
    /// which no bootstrap is possible).
    public func everHadRoots(upTo id: OID?) throws -> Bool { try state(after: id).everHadRoots }

    /// The author email of the root commit on `id`'s first-parent line: the branch's creator.
    public func creatorEmail(of id: OID) throws -> String {
        var cursor = id
        while let parent = try info(cursor).parents.first { cursor = parent }
        return try info(cursor).author.email
    }

    func info(_ id: OID) throws -> CommitInfo {
        if let i = infos[id] { return i }
        let i = try repository.commit(id)
        infos[id] = i
        return i
    }

    private func trustTree(of commit: OID?) throws -> OID? {
        guard let commit else { return nil }
        if let t = trustTrees[commit] { return t }
        let t = try TrustFiles.subtree(repository, tree: try info(commit).tree)
        trustTrees[commit] = t
        return t
    }

    func roots(inTrustTree tree: OID?) throws -> TrustRoots {
        guard let tree else { return TrustRoots() }
        if let r = rootsByTree[tree] { return r }
        let r = try TrustFiles.read(repository, trustTree: tree)
        rootsByTree[tree] = r
        return r
    }

    /// Whether a commit changes `.inquest/trust/` relative to its first parent.
    public func changesTrustRoots(_ id: OID) throws -> Bool {
        try trustTree(of: id) != trustTree(of: try info(id).parents.first)
    }

    /// Walks first parents back to a commit already settled, then settles the chain forward:
    /// iterative, so a long history cannot overflow the stack.
    private func state(after id: OID?) throws -> State {
        guard let id else { return .empty }
        if let s = after[id] { return s }
        var chain: [OID] = []
        var cursor: OID? = id
        while let c = cursor, after[c] == nil {
            chain.append(c)
            cursor = try info(c).parents.first
        }
        var state = cursor.flatMap { after[$0] } ?? .empty
        for c in chain.reversed() {
            let info = try self.info(c)
            let parentTrust = try trustTree(of: info.parents.first)
            let ownTrust = try trustTree(of: c)
            if parentTrust != ownTrust {
                let v = try verdicts[c] ?? judge(c, info, state)
                verdicts[c] = v
                if v.state == .good {
                    let roots = state.roots.applying(from: try roots(inTrustTree: parentTrust),
                                                     to: try roots(inTrustTree: ownTrust))
                    state = State(roots: roots, everHadRoots: state.everHadRoots || !roots.isEmpty)
                }
            }
            after[c] = state
        }
        return state
    }

    private func judge(_ id: OID, _ info: CommitInfo, _ before: State) throws -> SignatureCheck {
        guard let signature = try repository.commitSignature(id) else {
            var v = SignatureCheck(state: .unsigned, reason: "the commit is not signed")
            if try changesTrustRoots(id) { v.reason = "the commit is not signed, so its change to the trust roots does not count" }
            return v
        }
        var check = try checker.check(signature, against: before.roots, commit: id)
        let changesTrust = try changesTrustRoots(id)
        if check.state == .bad && changesTrust {
            check.reason = (check.reason ?? "bad signature") + "; its change to the trust roots does not count"
        }
        guard check.state == .untrusted else { return check }
        if before.roots.isEmpty && !before.everHadRoots && changesTrust {
            let added = TrustRoots.added(from: try roots(inTrustTree: try trustTree(of: info.parents.first)),
                                         to: try roots(inTrustTree: try trustTree(of: id)))
            var own = try checker.check(signature, against: added, commit: id)
            switch own.state {
            case .good:
                let creator = try creatorEmail(of: id)
                let explicit = Self.hasBootstrapTrailer(info.message)
                if explicit || creator.lowercased() == info.author.email.lowercased() {
                    own.reason = explicit ? "establishes the first trust roots (inquest trust init)"
                        : "establishes the first trust roots (by the branch's creator)"
                    return own
                }
                check.reason = "establishes the first trust roots, but its author is not the branch's creator (\(creator)) and it is not an `inquest trust init`"
            case .bad:
                return own
            default:
                check.reason = "establishes the first trust roots, but is not signed by a key it adds"
            }
            return check
        }
        if before.roots.isEmpty {
            check.reason = "no trust roots are in force yet" + (check.fingerprint.map { " (signed by \($0))" } ?? "")
        }
        if changesTrust {
            check.reason = (check.reason ?? "untrusted") + "; its change to the trust roots does not count"
        }
        return check
    }

    static func hasBootstrapTrailer(_ message: String) -> Bool {
        message.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == bootstrapTrailer }
    }
}
