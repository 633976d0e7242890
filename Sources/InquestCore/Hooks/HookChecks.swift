import Foundation
import GitKit

/// What each git hook checks. Every hook uses the one Validator; they differ only in
/// which commits and trees they look at.
public struct HookChecks {
    public let repository: Repository
    public let branch: String
    public let environment: [String: String]

    public init(repository: Repository, branch: String, environment: [String: String]) {
        self.repository = repository
        self.branch = branch
        self.environment = environment
    }

    /// Opens the repository as git describes it to a running hook (falling back to `directory`).
    public static func open(directory: String, branch: String?, environment: [String: String]) throws -> HookChecks {
        let repo: Repository
        do {
            repo = try Repository.openFromEnvironment(fallback: directory)
        } catch let e as OpenError {
            throw InquestError(.invalid, e.description)
        }
        let name = branch ?? (try? repo.config().string("inquest.branch")) ?? "postmortems"
        return HookChecks(repository: repo, branch: name, environment: environment)
    }

    var referenceName: String { "refs/heads/\(branch)" }
    static let zero = String(repeating: "0", count: 40)

    /// The verdict of a hook: the lines to show (git shows a server's as `remote: …`).
    public struct Verdict: Sendable {
        public var messages: [String] = []
        public var refused = false
        mutating func refuse(_ line: String) { messages.append(line); refused = true }
    }

    func validator(_ snapshot: Snapshot) throws -> Validator {
        let v = try Validator(snapshot: snapshot, environment: environment)
        v.branch = branch
        return v
    }

    /// Judges the move of the data branch from `old` to `new` by `PushRules` (the same
    /// rules as `check --range`); adds problems to `verdict`. `codeUpdates`: other refs the
    /// same push updates (nil: deleted), for `done_requires`.
    func checkUpdate(from old: OID?, to new: OID, codeUpdates: [String: OID?] = [:], into verdict: inout Verdict) throws {
        let store = Store(repository: repository, branch: branch, environment: environment)
        for p in try PushRules(store: store).judge(from: old, to: new, codeRefUpdates: codeUpdates).problems {
            verdict.refuse(p.description)
        }
    }

    // MARK: server

    /// pre-receive: refuses deletion or rewriting of the data branch, and records that break
    /// the policy. Other refs pass untouched.
    public func preReceive(input: String) throws -> Verdict {
        var verdict = Verdict()
        // The code refs this push moves: a fix pushed to main together with the data branch
        // that marks its follow-up done counts (if the push is refused, neither moves).
        var codeUpdates: [String: OID?] = [:]
        for line in input.split(separator: "\n") {
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 3, f[2] != referenceName else { continue }
            codeUpdates[f[2]] = f[1] == Self.zero ? .some(nil) : OID(hex: f[1]).map { .some($0) } ?? .some(nil)
        }
        for line in input.split(separator: "\n") {
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 3, f[2] == referenceName else { continue }
            let (oldHex, newHex) = (f[0], f[1])
            if newHex == Self.zero {
                verdict.refuse("deleting the '\(branch)' branch is refused: it is the postmortem record")
                continue
            }
            guard let new = OID(hex: newHex) else { continue }
            let old = oldHex == Self.zero ? nil : OID(hex: oldHex)
            if let old, try !repository.isDescendant(new, of: old) {
                verdict.refuse("rewriting the '\(branch)' branch is refused (\(old.short) is not in the history of \(new.short)); merge instead of force-pushing")
                continue
            }
            let before = verdict.refused
            try checkUpdate(from: old, to: new, codeUpdates: codeUpdates, into: &verdict)
            // The server pins the branch's root the first time it accepts the branch.
            if !before && !verdict.refused {
                let pin = RootPin(repository: repository, branch: branch)
                if pin.pinned == nil { pin.pin(try pin.firstParentRoot(of: old ?? new)) }
            }
        }
        if verdict.refused {
            verdict.messages.insert("inquest: push to \(referenceName) refused:", at: 0)
        }
        return verdict
    }

    // MARK: client

    /// pre-push: the same checks before the data leaves the laptop. `remote` is the name git
    /// gives the hook: branches pushed alongside to it count as that remote's tracking refs
    /// (a fix pushed to main together with the data branch marking it done).
    public func prePush(input: String, remote: String? = nil) throws -> Verdict {
        var verdict = Verdict()
        var codeUpdates: [String: OID?] = [:]
        if let remote, !remote.contains("/"), !remote.contains(":"), (try? repository.config().string("remote.\(remote).url")) != nil {
            for line in input.split(separator: "\n") {
                let f = line.split(separator: " ").map(String.init)
                guard f.count == 4, f[2] != referenceName, f[2].hasPrefix("refs/heads/") else { continue }
                let tracking = "refs/remotes/\(remote)/" + f[2].dropFirst("refs/heads/".count)
                codeUpdates[tracking] = f[1] == Self.zero ? .some(nil) : .some(OID(hex: f[1]))
            }
        }
        for line in input.split(separator: "\n") {
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 4, f[2] == referenceName else { continue }
            let (localHex, remoteHex) = (f[1], f[3])
            if localHex == Self.zero {
                verdict.refuse("deleting the remote '\(branch)' branch is refused: it is the postmortem record")
                continue
            }
            guard let local = OID(hex: localHex) else { continue }
            var remote: OID?
            if remoteHex != Self.zero, let r = OID(hex: remoteHex) {
                guard repository.contains(r) else {
                    verdict.refuse("the remote '\(branch)' has changes this clone lacks; run `inquest sync` instead of pushing")
                    continue
                }
                if try !repository.isDescendant(local, of: r) {
                    verdict.refuse("this push would rewrite the remote '\(branch)' branch; merge (`inquest sync`) instead")
                    continue
                }
                remote = r
            }
            try checkUpdate(from: remote, to: local, codeUpdates: codeUpdates, into: &verdict)
        }
        if verdict.refused { verdict.messages.insert("inquest: push of \(referenceName) refused:", at: 0) }
        return verdict
    }

    /// pre-commit: for someone committing the data branch by hand in a worktree of it.
    public func preCommit() throws -> Verdict {
        var verdict = Verdict()
        guard try repository.headReferenceName() == referenceName else { return verdict }
        let head = try repository.referenceTarget("HEAD")
        let oldTree = try head.map { try repository.commit($0).tree }
        let snap = Snapshot(repository: repository, tree: try repository.indexTree())
        let v: Validator
        do { v = try validator(snap) } catch let e as InquestError {
            e.lines.forEach { verdict.refuse($0) }
            return verdict
        }
        for p in try v.checkChanges(since: oldTree).problems { verdict.refuse(p.description) }
        if verdict.refused { verdict.messages.insert("inquest: commit to \(referenceName) refused:", at: 0) }
        return verdict
    }

    /// commit-msg: a code commit's `Follow-up:` / `Fixes-Follow-up:` trailers must name follow-ups that exist.
    public func commitMessage(_ message: String) throws -> Verdict {
        var verdict = Verdict()
        // The same reader as the link scan: `Follow-up:` and `Fixes-Follow-up:`, anywhere.
        let names = CodeTrailers(message: message).trailers.map(\.target)
        guard !names.isEmpty else { return verdict }
        guard let tip = try repository.referenceTarget(referenceName) else {
            verdict.refuse("inquest: this commit names follow-ups (\(names.joined(separator: ", "))), but there is no '\(branch)' branch to find them in")
            return verdict
        }
        let snap = try Snapshot(repository: repository, commit: tip)
        for name in names {
            do {
                _ = try snap.locate(name, kinds: [.followUp])
            } catch let e as InquestError {
                verdict.refuse("inquest: Follow-up: \(name): \(e.lines.joined(separator: " "))")
            }
        }
        return verdict
    }
}
