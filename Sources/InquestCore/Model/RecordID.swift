/// The four kinds of record, by the prefix of their IDs.
public enum RecordKind: String, CaseIterable, Sendable, Comparable {
    case incident = "INC"
    case event = "EV"
    case finding = "F"
    case followUp = "FU"

    public var noun: String {
        switch self {
        case .incident: return "incident"
        case .event: return "timeline event"
        case .finding: return "finding"
        case .followUp: return "follow-up"
        }
    }

    public static func < (a: RecordKind, b: RecordKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A record ID: a kind prefix and a random part made offline, with no coordination.
///
/// The random part is 10 characters of Crockford's base32 (50 bits), readable aloud and
/// free of the look-alikes I, L, O and U.
public struct RecordID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let randomLength = 10
    public static let minimumPrefix = 4

    public let kind: RecordKind
    public let random: String

    public var description: String { "\(kind.rawValue)-\(random)" }

    init(kind: RecordKind, random: String) {
        self.kind = kind
        self.random = random
    }

    public static func generate(_ kind: RecordKind) -> RecordID {
        var rng = SystemRandomNumberGenerator()
        let chars = (0..<randomLength).map { _ in alphabet[Int(rng.next(upperBound: UInt32(alphabet.count)))] }
        return RecordID(kind: kind, random: String(chars))
    }

    /// Parses a complete ID as stored in a file name or front matter.
    public init?(exactly text: String) {
        guard let q = IDQuery(text), let kind = q.kind, q.random.count == Self.randomLength else { return nil }
        self.init(kind: kind, random: q.random)
    }

    public static func < (a: RecordID, b: RecordID) -> Bool {
        (a.kind, a.random) < (b.kind, b.random)
    }
}

/// What a user typed where an ID goes: a kind prefix (optional) and a prefix of the random part.
public struct IDQuery: Sendable, CustomStringConvertible {
    public let kind: RecordKind?
    public let random: String
    public let original: String

    /// Normalizes case and Crockford's look-alikes (I, L -> 1; O -> 0); nil if it cannot be an ID.
    public init?(_ text: String) {
        original = text
        var rest = Substring(text.uppercased())
        var kind: RecordKind?
        if let dash = rest.firstIndex(of: "-") {
            guard let k = RecordKind(rawValue: String(rest[..<dash])) else { return nil }
            kind = k
            rest = rest[rest.index(after: dash)...]
        }
        var random = ""
        for c in rest {
            switch c {
            case "I", "L": random.append("1")
            case "O": random.append("0")
            default:
                guard RecordID.alphabet.contains(c) else { return nil }
                random.append(c)
            }
        }
        guard !random.isEmpty, random.count <= RecordID.randomLength else { return nil }
        self.kind = kind
        self.random = random
    }

    public var description: String { original }

    public func matches(_ id: RecordID) -> Bool {
        (kind == nil || kind == id.kind) && id.random.hasPrefix(random)
    }
}
