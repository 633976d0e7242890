import Foundation
import GitKit

extension Repository {
    /// A file of the data branch, refused by its size in the object database before any of
    /// it is read when it is over `RecordLimits.maxRecordBytes`: an error naming the path.
    func readRecord(_ blob: OID, path: String) throws -> Data {
        do {
            return try readBlob(blob, limit: RecordLimits.maxRecordBytes)
        } catch let e as BlobTooLarge {
            throw RecordFile.tooLarge(e.size, path: path)
        }
    }
}
