import CGit2
import Foundation

extension Repository {
    /// The commit a reference points to (peeling symbolic references), or nil if it is absent.
    public func referenceTarget(_ name: String) throws -> OID? {
        var out = git_oid()
        let rc = git_reference_name_to_id(&out, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(rc, "git_reference_name_to_id")
        return OID(out)
    }

    /// Moves `name` to `target` only if it still points to `expected` (nil: must not exist).
    ///
    /// Throws a `GitError` whose `isModified`, `isLocked` or `isExists` is true when another
    /// writer got there first; the caller re-applies its change to the new tip and retries.
    public func updateReference(_ name: String, to target: OID, expecting expected: OID?,
                                message: String) throws {
        var ref: OpaquePointer?
        defer { git_reference_free(ref) }
        try target.withRaw { t in
            if let expected {
                try expected.withRaw { e in
                    try check(git_reference_create_matching(&ref, pointer, name, t, 1, e, message),
                              "git_reference_create_matching")
                }
            } else {
                try check(git_reference_create(&ref, pointer, name, t, 0, message), "git_reference_create")
            }
        }
    }
}
