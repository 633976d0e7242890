import CGit2

extension Repository {
    /// Makes a commit through a second handle whose new objects stay in memory, then writes
    /// what the commit adds to its parents (new blobs, trees and the commit itself) as one
    /// pack. A bulk write (a merge of thousands of records) then leaves one pack instead of
    /// a loose file per object, and skips a file creation per object. `body` gets the
    /// handle and returns the commit it made; nothing is written if it throws.
    ///
    /// The objects are visible to this handle once the call returns (libgit2 rescans the
    /// packs when an object is not found).
    public func withPackedWrites(_ body: (Repository) throws -> OID) throws -> OID {
        let other = try Repository.open(at: gitDirectory)
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, other.pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var backend: OpaquePointer?
        try check(git_mempack_new(&backend), "git_mempack_new")
        // Highest priority, so writes land in memory; the odb owns the backend from here.
        // (Adding only fails on a bad argument or out of memory; the backend is then leaked.)
        try check(git_odb_add_backend(odb, backend, 1000), "git_odb_add_backend")
        let commit = try body(other)

        // The objects reachable from the commit but not from its parents, as git push would send.
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, other.pointer), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        try commit.withRaw { try check(git_revwalk_push(walk, $0), "git_revwalk_push") }
        for parent in try other.commit(commit).parents {
            try parent.withRaw { try check(git_revwalk_hide(walk, $0), "git_revwalk_hide") }
        }
        var builder: OpaquePointer?
        try check(git_packbuilder_new(&builder, other.pointer), "git_packbuilder_new")
        defer { git_packbuilder_free(builder) }
        try check(git_packbuilder_insert_walk(builder, walk), "git_packbuilder_insert_walk")
        var pack = git_buf()
        defer { git_buf_dispose(&pack) }
        try check(git_packbuilder_write_buf(&pack, builder), "git_packbuilder_write_buf")

        var writer: UnsafeMutablePointer<git_odb_writepack>?
        try check(git_odb_write_pack(&writer, odb, nil, nil), "git_odb_write_pack")
        defer { writer?.pointee.free(writer) }
        var stats = git_indexer_progress()
        try check(writer!.pointee.append(writer, pack.ptr, pack.size, &stats), "git_odb_writepack.append")
        try check(writer!.pointee.commit(writer, &stats), "git_odb_writepack.commit")
        return commit
    }
}
