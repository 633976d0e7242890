import CGit2
import Foundation

/// One changed path between two trees.
public struct TreeChange: Sendable, Hashable {
    public enum Status: Sendable { case added, deleted, modified, other }
    public let path: String
    public let status: Status
    public let oldID: OID?
    public let newID: OID?
}

extension Repository {
    /// The blobs that differ between two trees (nil: the empty tree), without rename detection.
    public func diffTrees(_ old: OID?, _ new: OID?) throws -> [TreeChange] {
        let oldTree = try old.map { try TreeHandle(self, $0) }
        let newTree = try new.map { try TreeHandle(self, $0) }
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, pointer, oldTree?.pointer, newTree?.pointer, nil),
                  "git_diff_tree_to_tree")
        defer { git_diff_free(diff) }
        var result = [TreeChange]()
        for i in 0..<git_diff_num_deltas(diff) {
            guard let d = git_diff_get_delta(diff, i)?.pointee else { continue }
            let status: TreeChange.Status
            switch d.status {
            case GIT_DELTA_ADDED: status = .added
            case GIT_DELTA_DELETED: status = .deleted
            case GIT_DELTA_MODIFIED: status = .modified
            default: status = .other
            }
            let path = String(cString: (status == .deleted ? d.old_file.path : d.new_file.path))
            var oldID: OID? = OID(d.old_file.id)
            var newID: OID? = OID(d.new_file.id)
            if oldID?.isZero == true { oldID = nil }
            if newID?.isZero == true { newID = nil }
            result.append(TreeChange(path: path, status: status, oldID: oldID, newID: newID))
        }
        return result
    }
}

/// A name under which two trees hold different entries (one level, not recursive).
public struct EntryDifference: Sendable, Hashable {
    public let name: String
    /// The entry in the old tree (nil: none there).
    public let old: TreeEntry?
    /// The entry in the new tree (nil: none there).
    public let new: TreeEntry?
}

extension Repository {
    /// The names under which two trees (nil: the empty tree) hold different entries: present
    /// on one side only, or with another id or mode. One level only: a caller steps down into
    /// the subtrees that differ, and nowhere else. Entries that are the same on both sides
    /// cost one comparison of names and ids in libgit2 and no copy, so a folder of thousands
    /// of entries where one changed costs little, where `diffTrees` builds a path for every
    /// entry it passes. Both trees are walked in git's tree order (`git_tree_entry_cmp`).
    public func differingEntries(_ old: OID?, _ new: OID?) throws -> [EntryDifference] {
        if old == new { return [] }
        let a = try old.map { try TreeHandle(self, $0) }
        let b = try new.map { try TreeHandle(self, $0) }
        let n = a.map { git_tree_entrycount($0.pointer) } ?? 0
        let m = b.map { git_tree_entrycount($0.pointer) } ?? 0
        var out: [EntryDifference] = []
        var i = 0, j = 0
        while i < n || j < m {
            let ea = i < n ? git_tree_entry_byindex(a!.pointer, i) : nil
            let eb = j < m ? git_tree_entry_byindex(b!.pointer, j) : nil
            let order: Int32
            switch (ea, eb) {
            case (let x?, let y?): order = git_tree_entry_cmp(x, y)
            case (_?, nil): order = -1
            default: order = 1
            }
            if order < 0 {
                let e = TreeHandle.entry(ea!)
                out.append(EntryDifference(name: e.name, old: e, new: nil))
                i += 1
            } else if order > 0 {
                let e = TreeHandle.entry(eb!)
                out.append(EntryDifference(name: e.name, old: nil, new: e))
                j += 1
            } else {
                if git_oid_equal(git_tree_entry_id(ea!), git_tree_entry_id(eb!)) == 0
                    || git_tree_entry_filemode(ea!) != git_tree_entry_filemode(eb!) {
                    let x = TreeHandle.entry(ea!), y = TreeHandle.entry(eb!)
                    out.append(EntryDifference(name: y.name, old: x, new: y))
                }
                i += 1
                j += 1
            }
        }
        return out
    }
}
