import CGit2

// Owned libgit2 handles that belong to a repository. libgit2 does not count references
// from a revwalk, a packbuilder or an object database to their repository: freeing the
// repository first leaves them pointing at freed memory. Under optimisation Swift may
// release a local `Repository` right after its last use, even while such a handle is
// still working, so each of these classes holds its repository and is freed before it.

/// A repository's object database.
final class ObjectDatabase {
    let repository: Repository
    let pointer: OpaquePointer

    init(_ repository: Repository) throws {
        var out: OpaquePointer?
        try check(git_repository_odb(&out, repository.pointer), "git_repository_odb")
        self.repository = repository
        pointer = out!
    }
    deinit { git_odb_free(pointer) }
}

/// A walk over commits of a repository.
final class RevisionWalk {
    let repository: Repository
    let pointer: OpaquePointer

    init(_ repository: Repository) throws {
        var out: OpaquePointer?
        try check(git_revwalk_new(&out, repository.pointer), "git_revwalk_new")
        self.repository = repository
        pointer = out!
    }
    deinit { git_revwalk_free(pointer) }

    func push(_ id: OID) throws { try id.withRaw { try check(git_revwalk_push(pointer, $0), "git_revwalk_push") } }
    func hide(_ id: OID) throws { try id.withRaw { try check(git_revwalk_hide(pointer, $0), "git_revwalk_hide") } }
}

/// A pack being built from objects of a repository.
final class PackBuilder {
    let repository: Repository
    let pointer: OpaquePointer
    /// Walks inserted into the pack, kept until the pack is written.
    private var walks: [RevisionWalk] = []

    init(_ repository: Repository) throws {
        var out: OpaquePointer?
        try check(git_packbuilder_new(&out, repository.pointer), "git_packbuilder_new")
        self.repository = repository
        pointer = out!
    }
    deinit { git_packbuilder_free(pointer) }

    func insert(_ walk: RevisionWalk) throws {
        walks.append(walk)
        try check(git_packbuilder_insert_walk(pointer, walk.pointer), "git_packbuilder_insert_walk")
    }

    /// The pack's bytes.
    func write() throws -> [UInt8] {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check(git_packbuilder_write_buf(&buffer, pointer), "git_packbuilder_write_buf")
        guard let base = buffer.ptr else { return [] }
        return base.withMemoryRebound(to: UInt8.self, capacity: buffer.size) {
            Array(UnsafeBufferPointer(start: $0, count: buffer.size))
        }
    }
}

/// A pack being written into an object database; frees itself after its database.
final class PackWriter {
    let database: ObjectDatabase
    let pointer: UnsafeMutablePointer<git_odb_writepack>

    init(_ database: ObjectDatabase) throws {
        var out: UnsafeMutablePointer<git_odb_writepack>?
        try check(git_odb_write_pack(&out, database.pointer, nil, nil), "git_odb_write_pack")
        self.database = database
        pointer = out!
    }
    deinit { pointer.pointee.free(pointer) }

    func write(_ pack: [UInt8]) throws {
        var stats = git_indexer_progress()
        try pack.withUnsafeBytes { bytes in
            try check(pointer.pointee.append(pointer, bytes.baseAddress, bytes.count, &stats), "git_odb_writepack.append")
        }
        try check(pointer.pointee.commit(pointer, &stats), "git_odb_writepack.commit")
    }
}
