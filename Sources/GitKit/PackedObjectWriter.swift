import CGit2
import Foundation

/// Writes many new objects as a few packs instead of a loose file each.
///
/// Objects go to an in-memory store on a second handle of the repository and are written
/// out as one pack whenever that store holds more than `flushBytes` (and once at the end),
/// so memory stays bounded however many objects a bulk write makes: ten thousand imported
/// incidents are about a hundred thousand objects, which as loose files would cost a file
/// creation each and leave the object folder for `git gc` to clean up.
///
/// Trees can be built on `repository` (with `TreeEditor`): they read existing objects
/// through it and land in the same store. Objects already flushed stay in their pack if a
/// later step fails; nothing references them, and `git gc` prunes them as it does any
/// unreachable object.
public final class PackedObjectWriter {
    /// The handle whose writes land in memory; read through it as through any handle.
    public let repository: Repository
    private let odb: OpaquePointer
    private let backend: OpaquePointer
    private let flushBytes: Int
    private var pendingBytes = 0
    /// What the next pack holds. (libgit2's own `git_mempack_dump` packs only what commits
    /// in memory reach, so the objects are listed here instead.)
    private var pending: [OID] = []
    /// How many packs were written so far.
    public private(set) var packs = 0

    init(_ parent: Repository, flushBytes: Int) throws {
        repository = try Repository.open(at: parent.gitDirectory)
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, repository.pointer), "git_repository_odb")
        var backend: OpaquePointer?
        do {
            try check(git_mempack_new(&backend), "git_mempack_new")
            // Highest priority, so writes land in memory; the odb owns the backend from here.
            try check(git_odb_add_backend(odb, backend, 1000), "git_odb_add_backend")
        } catch {
            git_odb_free(odb)
            throw error
        }
        self.odb = odb!
        self.backend = backend!
        self.flushBytes = flushBytes
    }

    deinit { git_odb_free(odb) }

    /// Writes a blob into memory (flushing a pack when enough has gathered).
    public func writeBlob(_ data: Data) throws -> OID {
        let id = try repository.writeBlob(data)
        pending.append(id)
        pendingBytes += data.count + 64
        if pendingBytes >= flushBytes { try flush() }
        return id
    }

    /// Adds to the next pack the trees below `root` that `base` does not have (nil: all of
    /// them), as `TreeEditor` wrote them on `repository`; unchanged subtrees are skipped whole.
    public func addTrees(_ root: OID, base: OID?) throws {
        if root == base { return }
        pending.append(root)
        let old = try base.map { try Dictionary(repository.treeEntries($0).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        for entry in try repository.treeEntries(root) where entry.kind == .tree && old[entry.name]?.id != entry.id {
            // A base entry of another kind (a file where a folder now is) is no base.
            let previous = old[entry.name].flatMap { $0.kind == .tree ? $0.id : nil }
            try addTrees(entry.id, base: previous)
        }
    }

    /// Writes what is in memory as one pack and empties the memory store.
    public func flush() throws {
        defer { pending = []; pendingBytes = 0 }
        if !pending.isEmpty {
            var builder: OpaquePointer?
            try check(git_packbuilder_new(&builder, repository.pointer), "git_packbuilder_new")
            defer { git_packbuilder_free(builder) }
            for id in pending {
                try id.withRaw { try check(git_packbuilder_insert(builder, $0, nil), "git_packbuilder_insert") }
            }
            var pack = git_buf()
            defer { git_buf_dispose(&pack) }
            try check(git_packbuilder_write_buf(&pack, builder), "git_packbuilder_write_buf")
            var writer: UnsafeMutablePointer<git_odb_writepack>?
            try check(git_odb_write_pack(&writer, odb, nil, nil), "git_odb_write_pack")
            defer { writer?.pointee.free(writer) }
            var stats = git_indexer_progress()
            try check(writer!.pointee.append(writer, pack.ptr, pack.size, &stats), "git_odb_writepack.append")
            try check(writer!.pointee.commit(writer, &stats), "git_odb_writepack.commit")
            packs += 1
        }
        try check(git_mempack_reset(backend), "git_mempack_reset")
    }
}

extension Repository {
    /// Runs `body` with a writer whose objects are written as packs, and flushes the last
    /// one when `body` returns. Objects are visible to this handle afterwards (libgit2
    /// rescans the packs when an object is not found).
    public func withPackedObjects<T>(flushBytes: Int = 32 << 20, _ body: (PackedObjectWriter) throws -> T) throws -> T {
        let writer = try PackedObjectWriter(self, flushBytes: flushBytes)
        let result = try body(writer)
        try writer.flush()
        return result
    }
}
