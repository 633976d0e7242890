import CGit2
import Foundation

/// A blob larger than the caller's limit, found from the object's header before reading it.
public struct BlobTooLarge: Error, Sendable, CustomStringConvertible {
    public let id: OID
    public let size: Int
    public let limit: Int
    public var description: String { "blob \(id) is \(size) bytes, more than the limit of \(limit)" }
}

extension Repository {
    /// Writes `data` as a blob and returns its id.
    public func writeBlob(_ data: Data) throws -> OID {
        var oid = git_oid()
        try data.withUnsafeBytes { buf in
            try check(git_blob_create_from_buffer(&oid, pointer, buf.baseAddress, buf.count),
                      "git_blob_create_from_buffer")
        }
        return OID(oid)
    }

    /// The size of an object, read from its header: a packed object is not inflated.
    public func objectSize(_ id: OID) throws -> Int {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var size = 0
        var type = GIT_OBJECT_ANY
        try id.withRaw { try check(git_odb_read_header(&size, &type, odb, $0), "git_odb_read_header") }
        return size
    }

    /// Reads a blob's content. With a `limit`, a larger blob throws `BlobTooLarge` before
    /// any of it is inflated, so a small compressed bomb never becomes a huge allocation.
    public func readBlob(_ id: OID, limit: Int? = nil) throws -> Data {
        if let limit {
            let size = try objectSize(id)
            if size > limit { throw BlobTooLarge(id: id, size: size, limit: limit) }
        }
        var blob: OpaquePointer?
        try id.withRaw { try check(git_blob_lookup(&blob, pointer, $0), "git_blob_lookup") }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: raw, count: size)
    }
}
