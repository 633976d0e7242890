import CGit2
import Foundation

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

    /// Reads a blob's content.
    public func readBlob(_ id: OID) throws -> Data {
        var blob: OpaquePointer?
        try id.withRaw { try check(git_blob_lookup(&blob, pointer, $0), "git_blob_lookup") }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: raw, count: size)
    }
}
