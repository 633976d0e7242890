import CGit2

extension Repository {
    /// Makes a commit through a second handle whose new objects stay in memory, then writes
    /// what the commit adds to its parents (new blobs, trees and the commit itself) as one
    /// pack. A bulk write (a merge of thousands of records) then leaves one pack instead of
    /// a loose file per object, and skips a file creation per object. `body` gets the
    /// handle and returns the commit it made; nothing is written if it throws.
    ///
    /// The objects are visible to this handle once the call returns (libgit2 rescans the
    /// packs when an object is not found). Every handle below holds the second repository
    /// (see Handles.swift), so it stays open until the pack is written.
    public func withPackedWrites(_ body: (Repository) throws -> OID) throws -> OID {
        let other = try Repository.open(at: gitDirectory)
        let memory = try ObjectDatabase(other)
        var backend: OpaquePointer?
        try check(git_mempack_new(&backend), "git_mempack_new")
        // Highest priority, so writes land in memory; the odb owns the backend from here.
        // (Adding only fails on a bad argument or out of memory; the backend is then leaked.)
        try check(git_odb_add_backend(memory.pointer, backend, 1000), "git_odb_add_backend")
        let commit = try body(other)

        // The objects reachable from the commit but not from its parents, as git push would send.
        let walk = try RevisionWalk(other)
        try walk.push(commit)
        for parent in try other.commit(commit).parents { try walk.hide(parent) }
        let builder = try PackBuilder(other)
        try builder.insert(walk)
        let pack = try builder.write()
        try PackWriter(memory).write(pack)
        return commit
    }
}
