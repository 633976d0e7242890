import CGit2
import Foundation

/// One entry of a tree, copied out of libgit2 so it outlives the tree.
public struct TreeEntry: Hashable, Sendable {
    public enum Kind: Sendable { case blob, tree, commit, other }
    public let name: String
    public let id: OID
    public let kind: Kind
    /// The git file mode (0o100644, 0o100755, 0o040000, 0o120000, 0o160000).
    public let mode: UInt32

    /// A regular file (not a symlink, whose target git also keeps as a blob).
    public var isFile: Bool { mode == 0o100644 || mode == 0o100755 }
    public var isSymlink: Bool { mode == 0o120000 }
}

/// A borrowed libgit2 tree; entries are copied out before they leave this type.
/// Holds its repository: a tree must be freed before the repository it came from.
final class TreeHandle {
    let repository: Repository
    let pointer: OpaquePointer
    init(_ repo: Repository, _ id: OID) throws {
        var out: OpaquePointer?
        try id.withRaw { try check(git_tree_lookup(&out, repo.pointer, $0), "git_tree_lookup") }
        repository = repo
        pointer = out!
    }
    deinit { git_tree_free(pointer) }

    static func entry(_ e: OpaquePointer) -> TreeEntry {
        let kind: TreeEntry.Kind
        switch git_tree_entry_type(e) {
        case GIT_OBJECT_BLOB: kind = .blob
        case GIT_OBJECT_TREE: kind = .tree
        case GIT_OBJECT_COMMIT: kind = .commit
        default: kind = .other
        }
        return TreeEntry(name: String(cString: git_tree_entry_name(e)),
                         id: OID(git_tree_entry_id(e)),
                         kind: kind,
                         mode: git_tree_entry_filemode(e).rawValue)
    }

    var entries: [TreeEntry] {
        let n = git_tree_entrycount(pointer)
        var out = [TreeEntry]()
        out.reserveCapacity(n)
        for i in 0..<n {
            if let e = git_tree_entry_byindex(pointer, i) { out.append(Self.entry(e)) }
        }
        return out
    }
}

extension Repository {
    /// The entries of a tree, in git's order.
    public func treeEntries(_ id: OID) throws -> [TreeEntry] {
        try TreeHandle(self, id).entries
    }

    /// The entry at a slash-separated path below a tree, or nil if there is none.
    public func treeEntry(at path: String, in tree: OID) throws -> TreeEntry? {
        let handle = try TreeHandle(self, tree)
        var out: OpaquePointer?
        let rc = git_tree_entry_bypath(&out, handle.pointer, path)
        if rc == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(rc, "git_tree_entry_bypath")
        defer { git_tree_entry_free(out) }
        return TreeHandle.entry(out!)
    }

    /// Every blob below `tree` (recursively), as paths relative to it.
    public func walkBlobs(_ tree: OID, prefix: String = "") throws -> [(path: String, entry: TreeEntry)] {
        var result = [(path: String, entry: TreeEntry)]()
        for e in try treeEntries(tree) {
            let path = prefix.isEmpty ? e.name : prefix + "/" + e.name
            switch e.kind {
            case .tree: result += try walkBlobs(e.id, prefix: path)
            case .blob: result.append((path, e))
            default: continue
            }
        }
        return result
    }

    /// The id of the empty tree, written if needed.
    public func emptyTree() throws -> OID {
        try TreeEditor(repository: self, base: nil).write()
    }
}
