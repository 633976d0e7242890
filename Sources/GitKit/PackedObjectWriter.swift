import CGit2
import Foundation

/// Writes many new objects as a few packs instead of a loose file each.
///
/// Blobs are compressed straight into a pack of our own making (no delta search: the
/// objects are small and new, and `git gc` may delta them later), handed to libgit2's
/// indexer whenever more than `flushBytes` of compressed data has gathered, and once at
/// the end; so memory stays bounded however many objects a bulk write makes. Ten thousand
/// imported incidents are about 130,000 objects, which as loose files would cost a file
/// creation each and leave the object folder for `git gc` to clean up.
///
/// Trees are built on `repository` (with `TreeEditor`), a second handle whose writes stay
/// in memory; `addTrees` copies the new ones into the pack. Objects already flushed stay
/// in their pack if a later step fails; nothing references them, and `git gc` prunes them
/// as it does any unreachable object.
public final class PackedObjectWriter {
    /// The handle whose writes stay in memory; read through it as through any handle.
    public let repository: Repository
    private let odb: OpaquePointer
    private let flushBytes: Int
    /// The compressed entries of the next pack, and which objects they are.
    private var entries: [UInt8] = []
    private var ids = Set<OID>()
    /// How many packs were written so far.
    public private(set) var packs = 0

    init(_ parent: Repository, flushBytes: Int) throws {
        repository = try Repository.open(at: parent.gitDirectory)
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, repository.pointer), "git_repository_odb")
        var backend: OpaquePointer?
        do {
            try check(git_mempack_new(&backend), "git_mempack_new")
            // Highest priority, so the trees `TreeEditor` writes land in memory; the odb
            // owns the backend from here.
            try check(git_odb_add_backend(odb, backend, 1000), "git_odb_add_backend")
        } catch {
            git_odb_free(odb)
            throw error
        }
        self.odb = odb!
        self.flushBytes = flushBytes
    }

    deinit { git_odb_free(odb) }

    /// Adds a blob to the pack; returns its id. The blob can be read once the pack is flushed.
    public func writeBlob(_ data: Data) throws -> OID {
        try data.withUnsafeBytes { try add(GIT_OBJECT_BLOB, $0) }
    }

    /// Adds to the pack the trees below `root` that `base` does not have (nil: all of
    /// them), as `TreeEditor` wrote them on `repository`; unchanged subtrees are skipped whole.
    public func addTrees(_ root: OID, base: OID?) throws {
        if root == base { return }
        var object: OpaquePointer?
        try root.withRaw { try check(git_odb_read(&object, odb, $0), "git_odb_read") }
        defer { git_odb_object_free(object) }
        let added = try add(GIT_OBJECT_TREE, UnsafeRawBufferPointer(start: git_odb_object_data(object),
                                                                     count: git_odb_object_size(object)))
        precondition(added == root, "a tree read back under another id")
        let old = try base.map { try Dictionary(repository.treeEntries($0).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        for entry in try repository.treeEntries(root) where entry.kind == .tree && old[entry.name]?.id != entry.id {
            // A base entry of another kind (a file where a folder now is) is no base.
            let previous = old[entry.name].flatMap { $0.kind == .tree ? $0.id : nil }
            try addTrees(entry.id, base: previous)
        }
    }

    /// Appends one object: its pack entry header (type and size) and its zlib stream.
    private func add(_ type: git_object_t, _ bytes: UnsafeRawBufferPointer) throws -> OID {
        var raw = git_oid()
        try check(git_odb_hash(&raw, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count, type), "git_odb_hash")
        let id = OID(raw)
        guard ids.insert(id).inserted else { return id }
        var size = bytes.count
        var byte = UInt8(truncatingIfNeeded: type.rawValue << 4) | UInt8(size & 0x0f)
        size >>= 4
        while size > 0 {
            entries.append(byte | 0x80)
            byte = UInt8(size & 0x7f)
            size >>= 7
        }
        entries.append(byte)
        var length = compressBound(uLong(bytes.count))
        let start = entries.count
        entries.append(contentsOf: repeatElement(0, count: Int(length)))
        let rc = entries.withUnsafeMutableBufferPointer { out in
            compress2(out.baseAddress! + start, &length, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self),
                      uLong(bytes.count), Z_BEST_SPEED)
        }
        guard rc == Z_OK else { throw GitError(code: rc, message: "zlib could not compress an object", function: "compress2") }
        entries.removeLast(entries.count - start - Int(length))
        if entries.count >= flushBytes { try flush() }
        return id
    }

    /// Writes the gathered objects as one pack (through libgit2's indexer, which checks it
    /// and writes its index).
    public func flush() throws {
        guard !ids.isEmpty else { return }
        var header: [UInt8] = Array("PACK".utf8) + [0, 0, 0, 2]
        for shift in [24, 16, 8, 0] { header.append(UInt8(truncatingIfNeeded: ids.count >> shift)) }
        var sha = SHA1()
        sha.update(header)
        sha.update(entries)
        let trailer = sha.finish()

        var writer: UnsafeMutablePointer<git_odb_writepack>?
        try check(git_odb_write_pack(&writer, odb, nil, nil), "git_odb_write_pack")
        defer { writer?.pointee.free(writer) }
        var stats = git_indexer_progress()
        for part in [header, entries, trailer] {
            try part.withUnsafeBytes { buf in
                try check(writer!.pointee.append(writer, buf.baseAddress, buf.count, &stats), "git_odb_writepack.append")
            }
        }
        try check(writer!.pointee.commit(writer, &stats), "git_odb_writepack.commit")
        packs += 1
        entries = []
        ids = []
    }
}

extension Repository {
    /// A writer for a bulk write; nothing reaches the repository until `flush` (or until
    /// more than `flushBytes` of compressed objects have gathered).
    public func packedObjectWriter(flushBytes: Int = 32 << 20) throws -> PackedObjectWriter {
        try PackedObjectWriter(self, flushBytes: flushBytes)
    }

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
