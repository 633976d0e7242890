import CGit2
import Foundation

/// A commit's content, copied out of libgit2.
public struct CommitInfo: Sendable, Hashable {
    public let id: OID
    public let tree: OID
    public let parents: [OID]
    public let author: Signature
    public let committer: Signature
    public let message: String
}

/// Produces a detached signature over a commit's content (armored text), or nil to leave it unsigned.
public typealias CommitSigner = (_ content: String) throws -> String?

extension Repository {
    /// Writes a commit object (it moves no reference). When `signer` is given, its signature
    /// is stored in the `gpgsig` header exactly as `git commit -S` does.
    public func createCommit(tree: OID, parents: [OID], message: String,
                             author: Signature, committer: Signature,
                             signer: CommitSigner? = nil) throws -> OID {
        var treeHandle: OpaquePointer?
        try tree.withRaw { try check(git_tree_lookup(&treeHandle, pointer, $0), "git_tree_lookup") }
        defer { git_tree_free(treeHandle) }

        var parentHandles: [OpaquePointer?] = []
        defer { parentHandles.forEach { git_commit_free($0) } }
        for p in parents {
            var c: OpaquePointer?
            try p.withRaw { try check(git_commit_lookup(&c, pointer, $0), "git_commit_lookup") }
            parentHandles.append(c)
        }

        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try author.withGit { a in
            try committer.withGit { c in
                try parentHandles.withUnsafeMutableBufferPointer { ps in
                    try check(git_commit_create_buffer(&buffer, pointer, a, c, nil, message,
                                                       treeHandle, parents.count, ps.baseAddress),
                              "git_commit_create_buffer")
                }
            }
        }
        let content = String(cString: buffer.ptr)
        let signature = try signer?(content)
        var out = git_oid()
        try check(git_commit_create_with_signature(&out, pointer, content, signature, nil),
                  "git_commit_create_with_signature")
        return OID(out)
    }

    public func commit(_ id: OID) throws -> CommitInfo {
        var c: OpaquePointer?
        try id.withRaw { try check(git_commit_lookup(&c, pointer, $0), "git_commit_lookup") }
        defer { git_commit_free(c) }
        var parents = [OID]()
        for i in 0..<git_commit_parentcount(c) {
            parents.append(OID(git_commit_parent_id(c, i)))
        }
        return CommitInfo(id: id,
                          tree: OID(git_commit_tree_id(c)),
                          parents: parents,
                          author: Signature(git_commit_author(c)),
                          committer: Signature(git_commit_committer(c)),
                          message: String(cString: git_commit_message(c)))
    }

    /// Commits reachable from `tips` but not from `hidden`, newest first (topological).
    public func walk(from tips: [OID], hiding hidden: [OID] = []) throws -> [OID] {
        let walker = try RevisionWalk(self)
        git_revwalk_sorting(walker.pointer, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        for t in tips { try walker.push(t) }
        for h in hidden { try walker.hide(h) }
        var result = [OID]()
        var oid = git_oid()
        while true {
            let rc = git_revwalk_next(&oid, walker.pointer)
            if rc == GIT_ITEROVER.rawValue { break }
            try check(rc, "git_revwalk_next")
            result.append(OID(oid))
        }
        return result
    }

    /// Resolves a revision expression (`HEAD~2`, a branch, a hash prefix) to a commit id.
    public func resolveCommit(_ spec: String) throws -> OID {
        var obj: OpaquePointer?
        try check(git_revparse_single(&obj, pointer, spec), "git_revparse_single")
        defer { git_object_free(obj) }
        var peeled: OpaquePointer?
        try check(git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT), "git_object_peel")
        defer { git_object_free(peeled) }
        return OID(git_object_id(peeled))
    }

    /// The merge base of two commits, or nil when the histories are unrelated.
    public func mergeBase(_ a: OID, _ b: OID) throws -> OID? {
        var out = git_oid()
        let rc = a.withRaw { ra in b.withRaw { rb in git_merge_base(&out, pointer, ra, rb) } }
        if rc == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(rc, "git_merge_base")
        return OID(out)
    }
}
