import Foundation

/// A record stored as one Markdown file with YAML front matter.
public protocol Record: Hashable, Sendable {
    static var kind: RecordKind { get }
    var id: RecordID { get }
    /// Reads a record, reporting every problem with the file, line, record and field.
    init(file: RecordFile, path: String) throws
    /// The canonical file, with unknown keys and sections kept.
    func file() -> RecordFile
}

extension Record {
    public init(data: Data, path: String) throws {
        try self.init(file: try RecordFile.parse(data, path: path), path: path)
    }

    public func serialized() -> Data { file().serialized() }
}

/// The `id` key of a file, if it names a record of the expected kind; for error messages
/// that should name the record even when other fields are broken.
func declaredID(_ file: RecordFile) -> String? {
    file["id"]?.scalarText.flatMap { RecordID(exactly: $0)?.description }
}
