import Foundation

/// The files one write puts on or takes off the branch, and the records it touches.
public struct ChangeSet {
    public enum Change {
        case put(Data)
        case delete
    }

    public private(set) var changes: [String: Change] = [:]
    /// IDs named in the commit's `Inquest-Records:` trailer, in the order first touched.
    public private(set) var touched: [String] = []
    /// More trailer lines for the commit message (`Key: value`), after `Inquest-Records:`.
    public private(set) var trailers: [String] = []

    public init() {}

    public mutating func put(_ path: String, _ data: Data) { changes[path] = .put(data) }
    public mutating func delete(_ path: String) { changes[path] = .delete }

    public mutating func put<R: Record>(_ record: R, at path: String) {
        put(path, record.serialized())
        touch(record.id.description)
    }

    public mutating func touch(_ id: String) {
        if !touched.contains(id) { touched.append(id) }
    }

    public mutating func trailer(_ line: String) {
        if !trailers.contains(line) { trailers.append(line) }
    }

    public var isEmpty: Bool { changes.isEmpty }
}
