import GitKit

extension Store {
    /// Merges two commits of this repository record by record, as `inquest sync` does,
    /// writing the merged blobs and tree but no commit and no reference (to preview or
    /// compare merges). Histories with no common ancestor (two people who each ran `init`
    /// offline) merge against an empty base.
    public func merge(ours: OID, theirs: OID) throws -> TreeMergeResult {
        try merge(ours: ours, theirs: theirs, in: repository)
    }

    /// The merge `inquest sync` makes: the merged records and a commit with both parents
    /// (signed when `writer` signs), written as one pack. Moves no reference.
    ///
    /// The first parent is `theirs`, the shared (remote) line, and `ours` the second: trust
    /// is computed along first parents, and the server refuses a push whose tip does not
    /// keep its old tip on that line (docs/trust.md). "Ours" and "theirs" in the recorded
    /// conflicts still mean this clone and the remote.
    ///
    /// `theirsFirst`: true for sync (the remote is the shared line); false for
    /// `inquest merge REF`, where the data branch is the line and REF comes in beside it.
    public func mergeCommit(_ writer: Writer, ours: OID, theirs: OID, subject: String,
                            theirsFirst: Bool = true) throws -> (commit: OID, result: TreeMergeResult) {
        let author = try identity(.author), committer = try identity(.committer)
        var result: TreeMergeResult?
        let commit = try repository.withPackedWrites { repo in
            let merged = try merge(ours: ours, theirs: theirs, in: repo)
            result = merged
            let message = Store.message(subject: subject, records: merged.changedRecords.map(\.description))
            return try writer.commit(in: repo, tree: merged.tree, parents: theirsFirst ? [theirs, ours] : [ours, theirs], message: message,
                                     author: author, committer: committer)
        }
        return (commit, result!)
    }

    private func merge(ours: OID, theirs: OID, in repo: Repository) throws -> TreeMergeResult {
        let o = try repo.commit(ours), t = try repo.commit(theirs)
        let base = try repo.mergeBase(ours, theirs).map { try repo.commit($0).tree }
        return try TreeMerge.merge(repo, base: base, ours: o.tree, theirs: t.tree,
                                   commits: MergeCommits(ours: ours.hex, theirs: theirs.hex))
    }
}
