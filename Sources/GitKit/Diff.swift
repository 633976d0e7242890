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
