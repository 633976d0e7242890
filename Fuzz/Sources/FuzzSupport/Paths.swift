import InquestCore

/// Record kinds with a path of each, for targets that read any kind.
public enum FuzzPaths {
    public static let records: [(RecordKind, String)] = [
        (.incident, "incidents/2026-11/INC-0000000000/incident.md"),
        (.event, "incidents/2026-11/INC-0000000000/timeline/20261128T100300Z-EV-0000000000.md"),
        (.finding, "incidents/2026-11/INC-0000000000/findings/F-0000000000.md"),
        (.followUp, "incidents/2026-11/INC-0000000000/followups/FU-0000000000.md"),
    ]

    /// Stops the run with a message libFuzzer shows with the input that caused it.
    public static func violated(_ what: String) -> Never {
        fatalError("invariant violated: \(what)")
    }
}

/// Front-matter values compared as a reader of records sees them: the same texts, lists
/// and keys, and the same nulls. (Whether a string was quoted is a detail of how it was
/// written: `"fish"` is written back as `fish`, and both read as the text fish.)
public func sameData(_ a: [YAMLPair], _ b: [YAMLPair]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && sameData($0.value, $1.value) }
}

public func sameData(_ a: YAMLValue, _ b: YAMLValue) -> Bool {
    switch (a, b) {
    case let (.scalar(x, _), .scalar(y, _)): return (a.isNull && b.isNull) || (x == y && a.isNull == b.isNull)
    case let (.list(x), .list(y)): return x.count == y.count && zip(x, y).allSatisfy { sameData($0, $1) }
    case let (.map(x), .map(y)): return sameData(x, y)
    default: return false
    }
}
