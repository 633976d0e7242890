import Foundation

/// A record of any of the four kinds, for code that handles records generically: the merge
/// reads each side without knowing in advance what it holds, and `resolve` edits whatever
/// record a conflict lives in.
public enum AnyRecord: Hashable, Sendable {
    case incident(Incident)
    case event(TimelineEvent)
    case finding(Finding)
    case followUp(FollowUp)

    /// Reads a record of the given kind.
    public init(kind: RecordKind, file: RecordFile, path: String) throws {
        switch kind {
        case .incident: self = .incident(try Incident(file: file, path: path))
        case .event: self = .event(try TimelineEvent(file: file, path: path))
        case .finding: self = .finding(try Finding(file: file, path: path))
        case .followUp: self = .followUp(try FollowUp(file: file, path: path))
        }
    }

    public init(kind: RecordKind, data: Data, path: String) throws {
        try self.init(kind: kind, file: try RecordFile.parse(data, path: path), path: path)
    }

    public var id: RecordID {
        switch self {
        case .incident(let r): return r.id
        case .event(let r): return r.id
        case .finding(let r): return r.id
        case .followUp(let r): return r.id
        }
    }

    public var conflicts: [FieldConflict] {
        get {
            switch self {
            case .incident(let r): return r.conflicts
            case .event(let r): return r.conflicts
            case .finding(let r): return r.conflicts
            case .followUp(let r): return r.conflicts
            }
        }
        set {
            switch self {
            case .incident(var r): r.conflicts = newValue; self = .incident(r)
            case .event(var r): r.conflicts = newValue; self = .event(r)
            case .finding(var r): r.conflicts = newValue; self = .finding(r)
            case .followUp(var r): r.conflicts = newValue; self = .followUp(r)
            }
        }
    }

    /// The canonical file, conflicts included.
    public func file() -> RecordFile {
        switch self {
        case .incident(let r): return r.file()
        case .event(let r): return r.file()
        case .finding(let r): return r.file()
        case .followUp(let r): return r.file()
        }
    }

    public func serialized() -> Data { file().serialized() }

    /// The name of the field the Markdown body holds, for records whose body is one text
    /// (an incident's body is its sections instead).
    public var bodyField: String? {
        switch self {
        case .incident: return nil
        case .event: return "text"
        case .finding, .followUp: return "narrative"
        }
    }
}
