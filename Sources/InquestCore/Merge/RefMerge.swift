import Foundation
import GitKit

extension Postmortems {
    /// `inquest merge REF`: merges another ref of postmortems (a review branch, a colleague's
    /// remote-tracking branch) into the data branch with the record-aware merge of `sync`,
    /// through the same merge commit (`Store.mergeCommit`, signed when signing is on). No
    /// worktree, no fetch, no push. With `dryRun`, nothing is written but the merged objects,
    /// and the returned preview is the `diff` the merge would make.
    public func merge(_ rev: String, dryRun: Bool, progress: (String) -> Void = { _ in })
        throws -> (report: SyncReport, preview: ChangeReview?) {
        try store.checkWritable()
        let repo = store.repository
        let theirs = try store.resolveRevision(rev)
        guard try store.snapshot(at: theirs).data(at: Layout.versionPath) != nil else {
            throw InquestError.invalid("'\(rev)' is not a branch of postmortems (it has no \(Layout.versionPath))",
                                       hint: "name a branch that Inquest wrote, such as origin/review/NAME")
        }
        var report = SyncReport(remote: "", branch: branch)
        for _ in 0..<20 {
            let snap = try snapshot()
            guard let ours = snap.commit else { throw InquestError.invalid("the '\(branch)' branch has no commits") }
            // Read from the remote-tracking branch: this merge creates the local one.
            let expected = snap.upstream == nil ? ours : nil
            let base = try repo.mergeBase(ours, theirs)
            if ours == theirs || base == theirs {
                report.outcome = .upToDate
                report.tip = ours
                return (report, dryRun ? try review(label: "merge \(rev)", before: snap, after: snap, commits: [], ids: []) : nil)
            }
            let commits = try repo.walk(from: [theirs], hiding: [ours])
            if base == ours {
                let preview = try review(label: "merge \(rev)", before: snap, after: store.snapshot(at: theirs),
                                         commits: commits, ids: [])
                report.outcome = .fastForwarded
                report.tip = theirs
                if dryRun { return (report, preview) }
                guard try move(to: theirs, expected: expected, rev: rev) else { continue }
                if let upstream = snap.upstream { store.trackUpstream(upstream) }
                return (report, nil)
            }
            if dryRun {
                let merged = try store.merge(ours: ours, theirs: theirs)
                report.outcome = .merged
                report.conflicts = merged.conflicts
                report.notes = merged.notes
                report.mergedRecords = merged.changedRecords
                // The sign-off gate reads approvals from history, so the preview needs a
                // commit above both sides: an object no ref ever points to (gc removes it),
                // never signed, never on a branch.
                let author = try store.identity(.author), committer = try store.identity(.committer)
                let previewCommit = try repo.createCommit(tree: merged.tree, parents: [ours, theirs],
                                                          message: "inquest merge --dry-run preview (never referenced)\n",
                                                          author: author, committer: committer, signer: nil)
                let after = try store.snapshot(at: previewCommit)
                let preview = try review(label: "merge \(rev)", before: snap, after: after, commits: commits, ids: [])
                return (report, preview.withoutAfterCommit())
            }
            progress("Merging \(rev) into '\(branch)'…")
            let (commit, result) = try store.mergeCommit(try writer(), ours: ours, theirs: theirs, subject: "merge \(rev)",
                                                             theirsFirst: false)
            guard try move(to: commit, expected: expected, rev: rev) else { continue }
            if let upstream = snap.upstream { store.trackUpstream(upstream) }
            repo.packIfNeeded()
            report.outcome = .merged
            report.tip = commit
            report.conflicts = result.conflicts
            report.notes = result.notes
            report.mergedRecords = result.changedRecords
            return (report, nil)
        }
        throw InquestError(.repository, "gave up: the '\(branch)' branch kept moving during the merge")
    }

    /// Moves the branch by compare-and-swap; false when another writer moved it first.
    private func move(to target: OID, expected: OID?, rev: String) throws -> Bool {
        do {
            try store.repository.updateReference(store.referenceName, to: target, expecting: expected,
                                                 message: "inquest merge: \(rev)")
            return true
        } catch let e as GitError where e.isModified || e.isLocked || e.isExists {
            return false
        }
    }
}
