import Foundation
import GitKit

/// The code branches of the repository as far as follow-ups care: every commit reachable
/// from a code ref that carries a `Follow-up:` / `Fixes-Follow-up:` trailer or a
/// `This reverts commit` line, which of them each ref reaches, the release tags, and the
/// reverts on main.
///
/// Built by an incremental scan: each ref's tip is remembered in `LinkCache`, and the next
/// scan walks only what was added (new tip, old tip hidden). A ref whose old tip is no
/// longer in its history (a force-push that dropped commits) is walked again in full, so
/// nothing dropped is served from the cache.
public final class CodeHistory {
    public let repository: Repository
    public let refs: CodeRefs
    /// The code refs and their tips as scanned.
    public let tips: [ReferenceTip]
    /// What the scan did, for the benchmark and for `--audit`'s notes.
    public struct Stats: Sendable {
        /// Commits read in this scan.
        public var walked = 0
        /// Refs walked from scratch (never scanned, or rewritten).
        public var fullScans: [String] = []
        /// Refs whose scanned tip is no longer in their history.
        public var rewritten: [String] = []
    }
    public private(set) var stats = Stats()

    /// Commit (full hex) -> what its message says, for commits reachable from a code ref.
    public private(set) var commits: [String: CodeTrailers] = [:]
    /// Ref name -> the commits of `commits` it reaches.
    private var reachable: [String: Set<String>] = [:]
    private var revertsOnMain: [String: [String]] = [:]
    private var releaseCache: [String: String?] = [:]
    private var tagsSorted: [(name: String, commit: OID)]?

    /// Scans the code refs (incrementally, with the cache under the git directory unless
    /// `useCache` is false) and returns what they hold.
    /// `overrides`: code ref updates a push is making (see `CodeRefs.resolve`).
    public init(repository: Repository, dataBranch: String, useCache: Bool = true,
                overrides: [String: OID?] = [:]) throws {
        self.repository = repository
        var refs = try CodeRefs(repository: repository, dataBranch: dataBranch)
        // A main branch created by this very push (the first push of a repository).
        if refs.main == nil, let created = ["refs/heads/main", "refs/heads/master"].first(where: { overrides[$0] != nil }) {
            refs.main = created
            refs.patterns.insert(created, at: 0)
        }
        self.refs = refs
        tips = try refs.resolve(in: repository, overrides: overrides)
        let gitDir = repository.commonDirectory
        let old = useCache ? LinkCache.load(gitDirectory: gitDir) : LinkCache()
        var next = LinkCache()
        let reader = try CommitMessageReader(repository)
        // Walks `tips` hiding `hidden`; returns the commits that carry something.
        func scan(_ from: OID, hiding hidden: [OID]) throws -> [String] {
            let walk = try RevWalk(repository, from: [from], hiding: hidden)
            var found: [String] = []
            while let id = try walk.next() {
                stats.walked += 1
                let trailers: CodeTrailers? = try reader.withMessage(of: id) { bytes in
                    guard CodeTrailers.mightContain(bytes) else { return nil }
                    let t = CodeTrailers(message: String(decoding: bytes, as: UTF8.self))
                    return t.isEmpty ? nil : t
                }
                if let trailers {
                    let hex = id.hex
                    next.commits[hex] = trailers
                    found.append(hex)
                }
            }
            return found
        }
        var byTip: [OID: [String]] = [:]
        for tip in tips {
            let found: [String]
            if let done = byTip[tip.commit] {
                found = done
            } else if let state = old.refs[tip.name], let oldTip = OID(hex: state.tip), repository.contains(oldTip) {
                if oldTip == tip.commit {
                    found = state.commits
                } else if try repository.isDescendant(tip.commit, of: oldTip) {
                    found = state.commits + (try scan(tip.commit, hiding: [oldTip]))
                } else {
                    stats.rewritten.append(tip.name)
                    stats.fullScans.append(tip.name)
                    found = try scan(tip.commit, hiding: [])
                }
                for c in state.commits where next.commits[c] == nil { next.commits[c] = old.commits[c] }
            } else {
                if let state = old.refs[tip.name], OID(hex: state.tip).map(repository.contains) != true {
                    stats.rewritten.append(tip.name)
                }
                stats.fullScans.append(tip.name)
                found = try scan(tip.commit, hiding: [])
            }
            byTip[tip.commit] = found
            next.refs[tip.name] = LinkCache.RefState(tip: tip.commit.hex, commits: found)
            reachable[tip.name] = Set(found)
        }
        // Keep only what some ref still reaches: commits dropped by a force-push go.
        let live = Set(next.refs.values.flatMap(\.commits))
        next.commits = next.commits.filter { live.contains($0.key) }
        commits = next.commits
        // Nothing learned (every tip as scanned before): the file stays as it is.
        if useCache && next != old { next.save(gitDirectory: gitDir) }
        if let main = refs.main {
            for c in reachable[main] ?? [] {
                for target in commits[c]?.reverts ?? [] { revertsOnMain[target, default: []].append(c) }
            }
        }
    }

    public var mainTip: OID? { tips.first { $0.name == refs.main }?.commit }

    /// Whether the commit is in the history of main.
    public func isOnMain(_ hex: String) throws -> Bool {
        guard let main = refs.main, let tip = mainTip, let id = OID(hex: hex) else { return false }
        if reachable[main]?.contains(hex) == true { return true }
        // A commit with trailers that main does not list is not on main; any other commit
        // (linked by hand) is asked of git.
        if commits[hex] != nil { return false }
        guard repository.contains(id) else { return false }
        return try repository.isDescendant(tip, of: id)
    }

    /// The commit on main that reverts `hex`, unless that revert was itself reverted.
    public func revert(of hex: String, depth: Int = 0) -> String? {
        guard depth < 16 else { return nil }
        for r in (revertsOnMain[hex] ?? []).sorted() where revert(of: r, depth: depth + 1) == nil { return r }
        return nil
    }

    /// The first release tag (by the time of its commit, then by name) whose history holds
    /// the commit; nil when none does.
    public func release(of hex: String) throws -> String? {
        if let known = releaseCache[hex] { return known }
        guard let id = OID(hex: hex), repository.contains(id) else { return nil }
        if tagsSorted == nil {
            let tags = try repository.references(matching: "refs/tags/\(refs.releaseTags)")
            tagsSorted = try tags.map { (String($0.name.dropFirst("refs/tags/".count)), $0.commit, try repository.commitTime($0.commit)) }
                .sorted { ($0.2, $0.0) < ($1.2, $1.0) }
                .map { ($0.0, $0.1) }
        }
        var found: String?
        for tag in tagsSorted! where try repository.isDescendant(tag.commit, of: id) {
            found = tag.name
            break
        }
        releaseCache[hex] = found
        return found
    }

    /// The first line of a commit's message, for display.
    public func subject(_ hex: String) -> String? {
        guard let id = OID(hex: hex), repository.contains(id), let c = try? repository.commit(id) else { return nil }
        return c.message.split(separator: "\n", maxSplits: 1).first.map(String.init)
    }

    /// The files a commit changes (against its first parent).
    public func changedPaths(_ hex: String) throws -> [String] {
        guard let id = OID(hex: hex) else { return [] }
        return try repository.changedPaths(id)
    }
}
