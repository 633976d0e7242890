import Foundation
import GitKit

/// A ref that `--branch` may name for reading but never for writing: a remote-tracking
/// branch, a tag, or a commit. Inquest writes only to local branches.
public struct ReadOnlyRef: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case remoteTracking = "remote-tracking branch"
        case tag
        case commit
    }

    public let kind: Kind
    /// What the user wrote.
    public let name: String
    /// Resolved once, when the store opened: every read of this run sees the same commit.
    public let commit: OID
}

extension Store {
    /// Decides what `name` (from `--branch` or `inquest.branch`) names: a local branch
    /// (existing or not), or a read-only ref. A local branch wins, as with `git switch`; a
    /// name that only a remote has stays a local branch name, read from the remote until the
    /// first write creates it.
    static func classify(_ name: String, in repo: Repository) throws -> (branch: String, readOnly: ReadOnlyRef?) {
        if name.isEmpty || name.hasPrefix("-") || name.contains(where: { $0.asciiValue.map { $0 < 0x20 || $0 == 0x7f } == true }) {
            throw InquestError.invalid("'\(name.debugDescription.dropFirst().dropLast())' is not a branch, tag or commit")
        }
        if name.hasPrefix("refs/") {
            if name.hasPrefix("refs/heads/") {
                let short = String(name.dropFirst("refs/heads/".count))
                try validateBranchName(short)
                return (short, nil)
            }
            guard let id = try? repo.resolveCommit(name) else {
                throw InquestError.invalid("there is no ref '\(name)' in this repository")
            }
            let kind: ReadOnlyRef.Kind = name.hasPrefix("refs/remotes/") ? .remoteTracking
                : name.hasPrefix("refs/tags/") ? .tag : .commit
            return (name, ReadOnlyRef(kind: kind, name: name, commit: id))
        }
        // `try?` below: names that are revisions (`postmortems~2`) are not valid ref names.
        if (try? repo.referenceTarget("refs/heads/\(name)")) != nil { return (name, nil) }
        if (try? repo.referenceTarget("refs/remotes/\(name)")) != nil, let id = try? repo.resolveCommit("refs/remotes/\(name)") {
            return (name, ReadOnlyRef(kind: .remoteTracking, name: name, commit: id))
        }
        if (try? repo.referenceTarget("refs/tags/\(name)")) != nil, let id = try? repo.resolveCommit("refs/tags/\(name)") {
            return (name, ReadOnlyRef(kind: .tag, name: name, commit: id))
        }
        let validBranch = (try? validateBranchName(name)) != nil
        if validBranch, (try? upstreamCandidate(for: name, in: repo)) != nil { return (name, nil) }
        if let id = try? repo.resolveCommit(name) {
            return (name, ReadOnlyRef(kind: .commit, name: name, commit: id))
        }
        try validateBranchName(name)
        return (name, nil)
    }

    /// The remote-tracking branch that stands in for a missing local branch `name`: the
    /// remote configured for it, else `origin`, else the only remote that has it (as
    /// `git switch NAME` guesses). Nil when none, or when several remotes have it.
    func upstreamCandidate(for name: String) throws -> (ref: String, remote: String)? {
        try Self.upstreamCandidate(for: name, in: repository)
    }

    static func upstreamCandidate(for name: String, in repo: Repository) throws -> (ref: String, remote: String)? {
        let config = try repo.config()
        var order: [String] = []
        if let configured = config.string("branch.\(name).remote"), configured != "." { order.append(configured) }
        if let preferred = config.string("checkout.defaultRemote") { order.append(preferred) }
        order.append("origin")
        for remote in order {
            let ref = "refs/remotes/\(remote)/\(name)"
            if try repo.referenceTarget(ref) != nil { return (ref, remote) }
        }
        let having = try repo.remoteNames().filter { try repo.referenceTarget("refs/remotes/\($0)/\(name)") != nil }
        return having.count == 1 ? ("refs/remotes/\(having[0])/\(name)", having[0]) : nil
    }

    /// Where reads start: the read-only ref, else the local branch, else (said once through
    /// `notice`) the remote-tracking branch standing in for it. Nil when there is nothing.
    func readTip() throws -> (commit: OID, upstream: String?)? {
        if let readOnly { return (readOnly.commit, nil) }
        if let local = try tip { return (local, nil) }
        guard let (ref, remote) = try upstreamCandidate(for: branch), let id = try repository.referenceTarget(ref) else {
            return nil
        }
        if !noticeGiven {
            noticeGiven = true
            notice?("note: there is no local '\(branch)' branch; reading \(remote)/\(branch). The first write or `inquest sync` creates '\(branch)' tracking it.")
        }
        return (id, ref)
    }

    /// The error for a branch that exists neither here nor on any remote: only then is
    /// `inquest init` the advice (on a clone it would fork an unrelated history).
    func missingBranchError() throws -> InquestError {
        let remotes = (try? repository.remoteNames()) ?? []
        let defaultName = (try? repository.config().string("inquest.branch")) ?? "postmortems"
        if branch != defaultName, try repository.referenceTarget("refs/heads/\(defaultName)") != nil
            || upstreamCandidate(for: defaultName) != nil {
            let start = try repository.referenceTarget("refs/heads/\(defaultName)") != nil
                ? defaultName : "\(try upstreamCandidate(for: defaultName)!.remote)/\(defaultName)"
            return InquestError.invalid("there is no '\(branch)' branch here or on any remote",
                                        hint: "start it from the data branch: `git branch --no-track \(branch) \(start)`, then write with `inquest --branch \(branch) …`")
        }
        var hint = "run `inquest init` to create it"
        if !remotes.isEmpty {
            hint += ", or `inquest sync` if someone already pushed it to \(remotes.contains("origin") ? "origin" : remotes[0])"
        }
        return InquestError.invalid("there is no '\(branch)' branch in this repository nor on its remotes", hint: hint)
    }

    /// Before any write: Inquest writes only to local branches, and never moves one that a
    /// working tree has checked out.
    func checkWritable() throws {
        try refuseReadOnly()
        try refuseIfCheckedOut()
    }

    /// Refuses a read-only ref (remote-tracking branch, tag, commit) for a write: what every
    /// write command asks first, before it deals with keys or editors.
    public func refuseReadOnly() throws {
        if let readOnly {
            let local = readOnly.kind == .remoteTracking
                ? readOnly.name.split(separator: "/", maxSplits: 1).last.map(String.init) : nil
            var hint = "writes go to a local branch of postmortems: `inquest --branch NAME …`"
            if let local, readOnly.kind == .remoteTracking {
                hint = "write to the local branch instead: `inquest --branch \(local) …` creates it from \(readOnly.name) on the first write"
            }
            throw InquestError.invalid("'\(readOnly.name)' is a \(readOnly.kind.rawValue), not a local branch: Inquest only reads it",
                                       hint: hint)
        }
    }

    /// After the write that created the local branch from its remote-tracking branch: make
    /// it track that branch, as `git switch NAME` does.
    func trackUpstream(_ ref: String, announce: Bool = true) {
        let parts = ref.dropFirst("refs/remotes/".count).split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return }
        let config = try? repository.config()
        guard config?.string("branch.\(branch).remote") == nil else { return }
        try? repository.setLocalConfig("branch.\(branch).remote", String(parts[0]))
        try? repository.setLocalConfig("branch.\(branch).merge", "refs/heads/\(branch)")
        if announce { notice?("Created the local '\(branch)' branch tracking \(parts[0])/\(branch).") }
    }

    /// Creates the local branch at its remote-tracking branch (as `git switch` would), for
    /// `init` on a clone: adopting the team's history instead of forking a new one.
    /// Returns true when it did.
    func adoptUpstream() throws -> Bool {
        guard readOnly == nil, try tip == nil, let (ref, _) = try upstreamCandidate(for: branch),
              let id = try repository.referenceTarget(ref) else { return false }
        do {
            try repository.updateReference(referenceName, to: id, expecting: nil, message: "inquest: branch from \(ref)")
        } catch let e as GitError where e.isExists {
            return true
        }
        trackUpstream(ref)
        return true
    }
}
