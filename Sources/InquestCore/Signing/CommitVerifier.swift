import Foundation
import GitKit
import Synchronization

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
/// - One root: the first-parent line must start at the branch's root commit (pinned in git
///   config, `RootPin`). A root commit that is not the pinned one, a merge that brings in
///   a history with another root, and every commit after either on the first-parent line
///   are bad: the history was grafted. With no pin and several roots, no root is trusted.
///
/// Not thread-safe and not `Sendable`: one verifier serves one command run. Call `close()`
/// when done so temporary keyrings and their gpg-agents go away.
public final class CommitVerifier {
    let repository: Repository
    private let checker: SignatureChecker
    private struct State {
        var roots: TrustRoots
        var everHadRoots: Bool
        /// The root commit of the first-parent line.
        var root: OID?
        /// Where and why the first-parent line was grafted, once it was.
        var graft: (at: OID, why: String)?
        static let empty = State(roots: TrustRoots(), everHadRoots: false)
    }

    /// Which root commit the first-parent line must start at.
    public enum RootRule: Sendable, Equatable {
        /// Nothing known (no pin yet, one root seen): the history's own root.
        case any
        /// The branch's root as pinned in git config.
        case pinned(OID)
        /// Several roots and no pin: none can be told to be the branch's.
        case ambiguous([OID])
    }

    /// Set before the first verdict; `init(store:)` reads the pin.
    public var rootRule: RootRule = .any

    /// A change to `.inquest/trust/` on the first-parent line that did not count.
    public struct IgnoredTrustChange: Sendable {
        public let commit: OID
        public let added: [TrustedKey]
        public let removed: [TrustedKey]
        public let reason: String
    }
    /// Filled as the first-parent lines are settled (oldest first).
    public private(set) var ignoredTrustChanges: [IgnoredTrustChange] = []
    private var after: [OID: State] = [:]
    private var verdicts: [OID: SignatureCheck] = [:]
    private var infos: [OID: CommitInfo] = [:]
    private var trustTrees: [OID: OID?] = [:]
    private var rootsByTree: [OID: TrustRoots] = [:]

    /// What a verifier read: the benchmark reports it, and tests hold a run to one pass over
    /// the history however many incidents it judges.
    public struct Stats: Sendable, Equatable {
        /// Commit objects read and parsed (each at most once per verifier).
        public var commitsRead = 0
        /// Walks over a whole history (`history(from:)`; asked again for the same tip, it
        /// walks no more).
        public var historyPasses = 0
        /// Scans of a history for changes to incidents (`origins`: the sign-off gate's).
        public var originScans = 0
        /// Trees read to find a commit's `.inquest/trust` (none for a commit the verdict cache knows).
        public var trustTreesRead = 0

        public init() {}

        static func + (a: Stats, b: Stats) -> Stats {
            var s = a
            s.commitsRead += b.commitsRead
            s.historyPasses += b.historyPasses
            s.originScans += b.originScans
            s.trustTreesRead += b.trustTreesRead
            return s
        }
    }
    public private(set) var stats = Stats()
    /// The stats of every verifier of this process once closed (`INQUEST_STATS=1` prints them).
    public static var processStats: Stats { totals.withLock { $0 } }
    private static let totals = Mutex(Stats())
    private var closed = false
    private var lastHistory: (OID, [OID])?
    /// Signatures read by `prepare`, each kept until its verdict is worked out, so a commit's
    /// signature is read once.
    private var prepared: [OID: CommitSignature] = [:]
    private var originIndex: OriginIndex?

    public static let bootstrapTrailer = "Inquest-Trust: init"

    /// A verifier for the repository behind `store`, with the gpg and ssh-keygen programs its
    /// git configuration names (as `git verify-commit` would use).
    public convenience init(store: Store) throws {
        try self.init(repository: store.repository, environment: store.environment)
        if let root = RootPin(store: store).pinned { rootRule = .pinned(root) }
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

    deinit { close() }

    /// Saves what the run learned to the verdict cache, removes temporary keyrings and stops
    /// their agents.
    public func close() {
        checker.close()
        if !closed {
            closed = true
            let mine = stats
            Self.totals.withLock { $0 = $0 + mine }
        }
    }

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
            if let s = try repository.commitSignature(id) {
                signatures.append((id, s))
                prepared[id] = s
            }
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

    /// The commit on `tip`'s first-parent line that put the first trust roots in force, if any.
    public func firstTrustCommit(onLineOf tip: OID) throws -> OID? {
        var found: OID?
        var cursor: OID? = tip
        while let c = cursor, try state(after: c).everHadRoots {
            found = c
            cursor = try info(c).parents.first
        }
        return found
    }

    /// The changes to `.inquest/trust/` that did not count on `tip`'s first-parent line,
    /// oldest first. (A change on a side line that a good merge brings in counts there.)
    public func ignoredTrustChanges(onLineOf tip: OID) throws -> [IgnoredTrustChange] {
        _ = try state(after: tip)
        var line: Set<OID> = []
        var cursor: OID? = tip
        while let c = cursor {
            line.insert(c)
            cursor = try info(c).parents.first
        }
        return ignoredTrustChanges.filter { line.contains($0.commit) }
    }

    /// The root commit of `id`'s first-parent line.
    public func root(of id: OID) throws -> OID? { try state(after: id).root }

    /// The author email of the root commit on `id`'s first-parent line: the branch's creator.
    public func creatorEmail(of id: OID) throws -> String {
        var cursor = id
        while let parent = try info(cursor).parents.first { cursor = parent }
        return try info(cursor).author.email
    }

    func info(_ id: OID) throws -> CommitInfo {
        if let i = infos[id] { return i }
        let i = try repository.commit(id)
        stats.commitsRead += 1
        infos[id] = i
        return i
    }

    /// Every commit reachable from `tip`, newest first: none before all of its children,
    /// otherwise by commit time, newest first (git's `--date-order`). Each commit is read
    /// once, and that read answers every later question about it (`info`): a command that
    /// walks the history through its verifier reads each commit once, where a libgit2
    /// revision walk followed by `info` would read each twice.
    public func history(from tip: OID) throws -> [OID] {
        if let (t, h) = lastHistory, t == tip { return h }
        stats.historyPasses += 1
        var children: [OID: Int] = [tip: 0]
        var stack = [tip]
        while let c = stack.popLast() {
            for p in try info(c).parents {
                if let n = children[p] {
                    children[p] = n + 1
                } else {
                    children[p] = 1
                    stack.append(p)
                }
            }
        }
        var out: [OID] = []
        out.reserveCapacity(children.count)
        var ready = DateHeap()
        ready.push(tip, time: try info(tip).committer.time)
        while let c = ready.pop() {
            out.append(c)
            for p in try info(c).parents {
                let n = children[p]! - 1
                children[p] = n
                if n == 0 { ready.push(p, time: try info(p).committer.time) }
            }
        }
        lastHistory = (tip, out)
        return out
    }

    /// Where each incident was created and approved in `tip`'s history: one scan per tip
    /// and verifier, however many incidents the run judges.
    func origins(_ tip: OID) throws -> OriginIndex {
        if let o = originIndex, o.tip == tip { return o }
        let o = try OriginIndex(verifier: self, tip: tip)
        originIndex = o
        return o
    }

    /// Called by each `OriginIndex` scan, however it was made.
    func countOriginScan() { stats.originScans += 1 }

    private func trustTree(of commit: OID?) throws -> OID? {
        guard let commit else { return nil }
        if let t = trustTrees[commit] { return t }
        // A commit id names its tree: what was read once holds for ever.
        if let known = checker.verdictCache?.trustTree(of: commit) {
            trustTrees[commit] = .some(known)
            return known
        }
        let t = try TrustFiles.subtree(repository, tree: try info(commit).tree)
        stats.trustTreesRead += 1
        trustTrees[commit] = .some(t)
        checker.verdictCache?.storeTrustTree(commit, t)
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
            if info.parents.isEmpty { state.root = c }
            if state.graft == nil, let why = try graft(c, info, state) { state.graft = (c, why) }
            let parentTrust = try trustTree(of: info.parents.first)
            let ownTrust = try trustTree(of: c)
            if parentTrust != ownTrust {
                let v = try verdicts[c] ?? judge(c, info, state)
                verdicts[c] = v
                let old = try roots(inTrustTree: parentTrust), new = try roots(inTrustTree: ownTrust)
                if v.state == .good {
                    state.roots = state.roots.applying(from: old, to: new)
                    state.everHadRoots = state.everHadRoots || !state.roots.isEmpty
                } else {
                    ignoredTrustChanges.append(IgnoredTrustChange(
                        commit: c, added: new.keys.filter { !old.keys.contains($0) },
                        removed: old.keys.filter { !new.keys.contains($0) },
                        reason: "\(v.state.rawValue)" + (v.reason.map { ": \($0)" } ?? "")))
                }
            }
            after[c] = state
        }
        return state
    }

    /// Why `id` grafts another history onto the line, given the state before it (its own
    /// root already set for a root commit); nil when it does not.
    private func graft(_ id: OID, _ info: CommitInfo, _ before: State) throws -> String? {
        if info.parents.isEmpty {
            switch rootRule {
            case .any: return nil
            case .pinned(let root):
                return root == id ? nil
                    : "a root commit that is not the branch's root (\(root.short), pinned in git config inquest.<branch>.root)"
            case .ambiguous(let roots):
                return "one of \(roots.count) root commits (\(roots.map(\.short).joined(separator: ", "))) and none is pinned: a branch has one root; pin yours with `git config inquest.<branch>.root ID`"
            }
        }
        for parent in info.parents.dropFirst() {
            let theirs = try state(after: parent).root
            if theirs != before.root {
                return "merges \(parent.short), whose history starts at another root (\(theirs?.short ?? "?")) than this line's (\(before.root?.short ?? "?"))"
            }
        }
        return nil
    }

    private func judge(_ id: OID, _ info: CommitInfo, _ before: State) throws -> SignatureCheck {
        var own = before
        if info.parents.isEmpty { own.root = id }
        if let g = before.graft {
            return SignatureCheck(state: .bad, reason: g.at == id ? "grafted history: \(g.why)"
                                  : "grafted history: at \(g.at.short), \(g.why)")
        }
        if let why = try graft(id, info, own) {
            return SignatureCheck(state: .bad, reason: "grafted history: \(why)")
        }
        // A verdict the cache holds needs no signature read (the cache keeps signed commits only).
        var signature: CommitSignature?
        var check: SignatureCheck
        if let hit = checker.cached(id, against: before.roots) {
            check = hit
        } else {
            guard let s = try prepared.removeValue(forKey: id) ?? repository.commitSignature(id) else { return try unsigned(id) }
            signature = s
            check = try checker.check(s, against: before.roots, commit: id)
        }
        let changesTrust = try changesTrustRoots(id)
        if check.state == .bad && changesTrust {
            check.reason = (check.reason ?? "bad signature") + "; its change to the trust roots does not count"
        }
        guard check.state == .untrusted else { return check }
        if before.roots.isEmpty && !before.everHadRoots && changesTrust {
            guard let signature = try signature ?? repository.commitSignature(id) else { return try unsigned(id) }
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

    private func unsigned(_ id: OID) throws -> SignatureCheck {
        var v = SignatureCheck(state: .unsigned, reason: "the commit is not signed")
        if try changesTrustRoots(id) { v.reason = "the commit is not signed, so its change to the trust roots does not count" }
        return v
    }

    static func hasBootstrapTrailer(_ message: String) -> Bool {
        message.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == bootstrapTrailer }
    }
}

/// Commits ready to be listed, newest commit time first; equal times in the order they
/// became ready, so the order never depends on hashing.
private struct DateHeap {
    private var items: [(time: Int64, seq: Int, id: OID)] = []
    private var seq = 0

    private func above(_ a: Int, _ b: Int) -> Bool {
        items[a].time != items[b].time ? items[a].time > items[b].time : items[a].seq < items[b].seq
    }

    mutating func push(_ id: OID, time: Int64) {
        items.append((time, seq, id))
        seq += 1
        var i = items.count - 1
        while i > 0, above(i, (i - 1) / 2) {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    mutating func pop() -> OID? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast().id
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < items.count, above(l, best) { best = l }
            if r < items.count, above(r, best) { best = r }
            if best == i { break }
            items.swapAt(i, best)
            i = best
        }
        return top
    }
}
