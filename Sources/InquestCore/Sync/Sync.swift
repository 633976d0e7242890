import Foundation
import GitKit

/// What `inquest sync` did.
public struct SyncReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Both sides already had the same commit.
        case upToDate
        /// The remote was ahead; the local branch moved forward to it.
        case fastForwarded
        /// The remote had no such branch; this one was pushed there.
        case published
        /// The local branch was ahead; it was pushed.
        case pushed
        /// Both had changed; a merge commit was made and pushed.
        case merged
    }

    public var outcome: Outcome = .upToDate
    public var remote: String
    public var branch: String
    /// Conflicts recorded by merges during this sync.
    public var conflicts: [RecordConflict] = []
    /// What the merge could not settle as data (files kept as they were).
    public var notes: [String] = []
    /// Records the merge changed on the local side.
    public var mergedRecords: [RecordID] = []
    /// The commit both sides now have.
    public var tip: OID?
}

/// Fetch, merge by record, push; again if someone pushed in between (DESIGN section 6).
///
/// The local branch moves only by compare-and-swap, so an Inquest write racing with a
/// sync is merged on the next round rather than lost. A push the server refuses leaves
/// the merge on the local branch: nothing is lost and the next sync tries again.
struct Synchronizer {
    let store: Store
    let writer: Writer
    let remote: String
    let progress: (String) -> Void
    var maxRounds = 8

    private var repository: Repository { store.repository }
    private var branch: String { store.branch }
    private var transport: GitTransport { GitTransport(repository: repository, environment: store.environment) }

    func run() throws -> SyncReport {
        var report = SyncReport(remote: remote, branch: branch)
        for round in 1...maxRounds {
            if round > 1 { progress("Someone else pushed to \(remote) meanwhile; fetching again (round \(round)).") }
            progress("Fetching '\(branch)' from \(remote)…")
            let fetched = try transport.fetch(remote: remote, branch: branch)
            if case .tip(let theirs) = fetched { try refuseOtherRoot(theirs) }
            let local = try store.tip
            let push: OID
            switch (local, fetched) {
            case (nil, .noBranch):
                throw InquestError.invalid("there is no '\(branch)' branch here nor on '\(remote)'",
                                           hint: "run `inquest init` to create it, then `inquest sync` to publish it")
            case (nil, .tip(let theirs)):
                guard try move(to: theirs, from: nil) else { continue }
                store.trackUpstream(GitTransport.trackingRef(remote: remote, branch: branch), announce: false)
                report.outcome = .fastForwarded
                report.tip = theirs
                progress("Created the local '\(branch)' branch from \(remote).")
                return report
            case (let ours?, .noBranch):
                progress("'\(remote)' has no '\(branch)' branch yet; publishing it.")
                report.outcome = .published
                push = ours
            case (let ours?, .tip(let theirs)):
                if ours == theirs {
                    report.tip = ours
                    if report.outcome == .upToDate { progress("Already up to date.") }
                    return report
                }
                let base = try repository.mergeBase(ours, theirs)
                if base == nil {
                    throw InquestError(.policy, "'\(remote)/\(branch)' and the local '\(branch)' have no commit in common: the branch has one root, so they cannot be merged",
                                       hint: "if the local branch holds nothing you need (an `inquest init` made offline), delete it with `git branch -D \(branch)` and `git config --unset \(RootPin(store: store).configKey)`, then run `inquest sync` again")
                }
                if base == theirs {
                    if report.outcome != .merged { report.outcome = .pushed }
                    push = ours
                } else if try base == ours || alreadyContained(ours, in: theirs) {
                    guard try move(to: theirs, from: ours) else { continue }
                    if report.outcome != .merged { report.outcome = .fastForwarded }
                    report.tip = theirs
                    progress("Fast-forwarded '\(branch)' to \(remote)/\(branch).")
                    return report
                } else {
                    guard let merge = try merge(ours: ours, theirs: theirs, into: &report) else { continue }
                    report.outcome = .merged
                    push = merge
                }
            }
            progress("Pushing '\(branch)' to \(remote)…")
            switch try transport.push(remote: remote, commit: push, branch: branch) {
            case .accepted:
                report.tip = push
                return report
            case .notFastForward:
                continue
            case .refused(let reason, let lines):
                throw InquestError(.remote, ["'\(remote)' refused the push of '\(branch)': \(reason)"] + lines,
                                   hint: "your local '\(branch)' branch keeps every change (and the merge); fix what the server reports, then run `inquest sync` again")
            }
        }
        throw InquestError(.remote, "gave up after \(maxRounds) rounds: '\(branch)' on '\(remote)' kept moving",
                           hint: "run `inquest sync` again")
    }

    /// The remote's history must start at this branch's pinned root (pinned now, the first
    /// time the branch is seen): a different root means someone grafted a history of their own.
    private func refuseOtherRoot(_ theirs: OID) throws {
        let pin = RootPin(store: store)
        if pin.pinned == nil, let ours = try store.tip { pin.pin(try pin.firstParentRoot(of: ours)) }
        if let why = try pin.check(tip: theirs) {
            throw InquestError(.policy, "refusing '\(remote)/\(branch)': \(why)",
                               hint: "someone replaced the line along which trust is computed; run `inquest verify \(GitTransport.trackingRef(remote: remote, branch: branch))` and tell whoever runs the server")
        }
    }

    /// A merge we made earlier whose content the remote already has (someone merged the
    /// same two commits and pushed first): taking theirs loses nothing and adds no merge
    /// of merges.
    private func alreadyContained(_ ours: OID, in theirs: OID) throws -> Bool {
        let o = try repository.commit(ours), t = try repository.commit(theirs)
        guard o.tree == t.tree else { return false }
        for parent in o.parents {
            let base = try repository.mergeBase(parent, theirs)
            if base != parent { return false }
        }
        return true
    }

    /// Moves the local branch by compare-and-swap; false when it moved under us.
    private func move(to target: OID, from expected: OID?) throws -> Bool {
        try store.checkWritable()
        do {
            try repository.updateReference(store.referenceName, to: target, expecting: expected,
                                           message: "inquest sync: \(remote)/\(branch)")
            return true
        } catch let e as GitError where e.isModified || e.isLocked || e.isExists {
            return false
        }
    }

    /// Writes the merge commit and moves the local branch to it; nil when the branch moved
    /// meanwhile (the next round merges again).
    private func merge(ours: OID, theirs: OID, into report: inout SyncReport) throws -> OID? {
        progress("Merging \(remote)/\(branch) into '\(branch)'…")
        let (commit, result) = try store.mergeCommit(writer, ours: ours, theirs: theirs,
                                                     subject: "sync: merge \(remote)/\(branch)")
        guard try move(to: commit, from: ours) else { return nil }
        repository.packIfNeeded()
        report.conflicts = result.conflicts
        report.notes = result.notes
        report.mergedRecords = result.changedRecords
        return commit
    }
}

extension Postmortems {
    /// Fetches the data branch from `remote` (default: the branch's upstream remote, else
    /// `origin`), merges it record by record, and pushes the result. Progress goes to
    /// `progress`, one line at a time.
    public func sync(remote: String?, progress: @escaping (String) -> Void) throws -> SyncReport {
        try store.checkWritable()
        let name = try store.syncRemote(remote)
        return try Synchronizer(store: store, writer: try writer(), remote: name, progress: progress).run()
    }
}

extension Store {
    /// The remote to sync with, checked to exist.
    func syncRemote(_ explicit: String?) throws -> String {
        let config = try repository.config()
        let name = explicit ?? config.string("branch.\(branch).remote").flatMap { $0 == "." ? nil : $0 } ?? "origin"
        if name.isEmpty || name.hasPrefix("-") || name.contains(where: { $0.isWhitespace }) {
            throw InquestError.invalid("'\(name)' is not a remote name")
        }
        guard config.string("remote.\(name).url") != nil else {
            if explicit != nil {
                throw InquestError.invalid("no remote named '\(name)' in this repository",
                                           hint: "`git remote -v` lists the remotes; add one with `git remote add \(name) URL`")
            }
            throw InquestError.invalid("nothing to sync with: this repository has no remote '\(name)'",
                                       hint: "add one with `git remote add \(name) URL`, or name another: `inquest sync REMOTE`")
        }
        return name
    }
}
