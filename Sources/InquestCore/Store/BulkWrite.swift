import Foundation
import GitKit

extension Store {
    /// Adds many files to the branch in one commit: `blobs` are already in the repository
    /// (written as packs by a `PackedObjectWriter`), and the trees are written as a pack too,
    /// rather than as a loose object each.
    ///
    /// `check` runs against the tip the commit will go on (again if another writer moves the
    /// branch first) and throws to refuse; the commit is made by `makeCommit`, like every
    /// other, so it is signed whenever this store signs. Returns the new commit.
    public func commitBlobs(_ writer: Writer, _ blobs: [(path: String, id: OID)], subject: String, records: [String],
                            trailers: [String] = [], check: (Snapshot) throws -> Void) throws -> OID {
        try checkWritable()
        let author = try identity(.author)
        let committer = try identity(.committer)
        let message = Self.message(subject: subject, records: records, trailers: trailers)
        var rng = SystemRandomNumberGenerator()
        for attempt in 0..<maxAttempts {
            let snapshot = try self.snapshot()
            try requireInquestBranch(snapshot)
            try check(snapshot)
            let tree = try repository.withPackedObjects { writer in
                var editor = TreeEditor(repository: writer.repository, base: snapshot.tree)
                for blob in blobs { editor.set(blob.path, blob: blob.id) }
                let tree = try editor.write()
                try writer.addTrees(tree, base: snapshot.tree)
                return tree
            }
            let commit = try makeCommit(writer, tree: tree, parents: [snapshot.commit!], message: message,
                                        author: author, committer: committer)
            do {
                try repository.updateReference(referenceName, to: commit, expecting: snapshot.commit,
                                               message: "inquest: \(subject)")
                return commit
            } catch let e as GitError where e.isModified || e.isLocked || e.isExists {
                let ceiling = UInt32(min(50, 2 + attempt * 2))
                usleep(1000 * (1 + rng.next(upperBound: ceiling)))
            }
        }
        throw InquestError(.repository, "gave up after \(maxAttempts) attempts: the '\(branch)' branch kept moving")
    }
}
