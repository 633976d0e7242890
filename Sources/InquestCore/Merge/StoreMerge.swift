import GitKit

extension Store {
    /// Merges two commits of this repository record by record, as `inquest sync` does:
    /// writes the merged blobs and tree (no commit, no reference) and reports what it did.
    /// Histories with no common ancestor (two people who each ran `init` offline) merge
    /// against an empty base.
    public func merge(ours: OID, theirs: OID) throws -> TreeMergeResult {
        let o = try repository.commit(ours), t = try repository.commit(theirs)
        let base = try repository.mergeBase(ours, theirs)
        return try TreeMerge.merge(repository, base: try base.map { try repository.commit($0).tree },
                                   ours: o.tree, theirs: t.tree,
                                   commits: MergeCommits(ours: ours.hex, theirs: theirs.hex))
    }
}
