import CGit2
import Foundation

/// Applies path-level changes to a tree, rewriting only the subtrees on the changed paths.
///
/// Unchanged subtrees keep their ids, so a change to one record costs a handful of objects
/// whatever the size of the branch.
public struct TreeEditor {
    public enum Change: Sendable {
        case blob(OID, executable: Bool = false)
        case delete
    }

    let repository: Repository
    let base: OID?
    private var changes: [String: Change] = [:]

    public init(repository: Repository, base: OID?) {
        self.repository = repository
        self.base = base
    }

    public mutating func set(_ path: String, blob: OID, executable: Bool = false) {
        changes[path] = .blob(blob, executable: executable)
    }

    public mutating func remove(_ path: String) { changes[path] = .delete }

    public var isEmpty: Bool { changes.isEmpty }

    /// Writes the edited trees and returns the new root tree id.
    public func write() throws -> OID {
        let split = changes.map { (path, change) in
            (path.split(separator: "/").map(String.init), change)
        }
        return try apply(base: base, split) ?? repository.writeEmptyTree()
    }

    /// Returns the new tree id, or nil when the tree became empty (a parent then drops it).
    private func apply(base: OID?, _ changes: [([String], Change)]) throws -> OID? {
        var builder: OpaquePointer?
        var baseTree: TreeHandle?
        if let base { baseTree = try TreeHandle(repository, base) }
        try check(git_treebuilder_new(&builder, repository.pointer, baseTree?.pointer),
                  "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }

        var nested: [String: [([String], Change)]] = [:]
        for (components, change) in changes {
            guard let first = components.first else { continue }
            if components.count == 1 {
                switch change {
                case .blob(let id, let exec):
                    try id.withRaw { raw in
                        try check(git_treebuilder_insert(nil, builder, first, raw,
                                                         exec ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB),
                                  "git_treebuilder_insert")
                    }
                case .delete:
                    if git_treebuilder_get(builder, first) != nil {
                        try check(git_treebuilder_remove(builder, first), "git_treebuilder_remove")
                    }
                }
            } else {
                nested[first, default: []].append((Array(components.dropFirst()), change))
            }
        }
        for (name, sub) in nested.sorted(by: { $0.key < $1.key }) {
            var subBase: OID?
            if let e = git_treebuilder_get(builder, name), git_tree_entry_type(e) == GIT_OBJECT_TREE {
                subBase = OID(git_tree_entry_id(e))
            }
            let result = try apply(base: subBase, sub)
            if let newID = result {
                try newID.withRaw { raw in
                    try check(git_treebuilder_insert(nil, builder, name, raw, GIT_FILEMODE_TREE),
                              "git_treebuilder_insert")
                }
            } else if git_treebuilder_get(builder, name) != nil {
                try check(git_treebuilder_remove(builder, name), "git_treebuilder_remove")
            }
        }
        if git_treebuilder_entrycount(builder) == 0 { return nil }
        var out = git_oid()
        try check(git_treebuilder_write(&out, builder), "git_treebuilder_write")
        return OID(out)
    }
}

extension Repository {
    func writeEmptyTree() throws -> OID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, nil), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }
        var out = git_oid()
        try check(git_treebuilder_write(&out, builder), "git_treebuilder_write")
        return OID(out)
    }
}
