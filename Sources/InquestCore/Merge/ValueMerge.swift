/// What merging one field gave: a value both sides can live with, or a conflict that keeps
/// both (the field holds one of them meanwhile).
enum FieldOutcome<Value: Equatable>: Equatable {
    case merged(Value?)
    case conflict(kept: Value?, FieldConflict)
}

/// Three-way merge of one front-matter value.
///
/// A side that left the value as it was in the base takes the other side's change. Lists
/// merge as sets, so an item one side added survives the other side removing a different
/// one. Two different changes to a single value (or a map, or a list against a scalar)
/// become a conflict.
enum ValueMerge {
    static func merge(field: String, base: YAMLValue?, ours: YAMLValue?, theirs: YAMLValue?,
                      commits: MergeCommits) -> FieldOutcome<YAMLValue> {
        if ours == theirs { return .merged(ours) }
        if ours == base { return .merged(theirs) }
        if theirs == base { return .merged(ours) }
        if let list = mergeLists(base, ours, theirs) { return .merged(list) }
        let a = SideValue(text(ours), exact: ours.map(YAMLEmitter.flow), commit: commits.ours)
        let b = SideValue(text(theirs), exact: theirs.map(YAMLEmitter.flow), commit: commits.theirs)
        let conflict = FieldConflict.between(field: field, base: text(base), a, b)
        return .conflict(kept: FieldConflict.keepsFirst(a, b) ? ours : theirs, conflict)
    }

    /// How a value is shown in a conflict: a scalar's text, a list or map in flow style,
    /// nil for an absent or null value.
    static func text(_ value: YAMLValue?) -> String? {
        guard let value, !value.isNull else { return nil }
        return value.scalarText ?? YAMLEmitter.flow(value)
    }

    /// Set semantics, or nil when the values are not all lists. An absent key counts as an
    /// empty list (records leave empty optional lists out).
    ///
    /// Items the base had stay in base order unless a side removed them; items added by
    /// either side follow, sorted, so both merge orders give the same list.
    static func mergeLists(_ base: YAMLValue?, _ ours: YAMLValue?, _ theirs: YAMLValue?) -> YAMLValue? {
        func items(_ v: YAMLValue?) -> [YAMLValue]? {
            guard let v else { return [] }
            if case .list(let l) = v { return l }
            return nil
        }
        guard ours != nil || theirs != nil,
              let b = items(base), let o = items(ours), let t = items(theirs) else { return nil }
        let inBase = Set(b), inOurs = Set(o), inTheirs = Set(t)
        var seen = Set<YAMLValue>()
        var result: [YAMLValue] = []
        for item in b where inOurs.contains(item) && inTheirs.contains(item) && seen.insert(item).inserted {
            result.append(item)
        }
        let added = (o + t).filter { !inBase.contains($0) && seen.insert($0).inserted }
        result += added.sorted { YAMLEmitter.flow($0) < YAMLEmitter.flow($1) }
        if result.isEmpty && (ours == nil || theirs == nil) { return nil }
        return .list(result)
    }
}

/// Three-way merge of a block of Markdown (a section, a finding's narrative): line by line
/// with libgit2's file merge when both sides changed it.
enum TextFieldMerge {
    static func merge(field: String, base: String?, ours: String?, theirs: String?,
                      commits: MergeCommits) -> FieldOutcome<String> {
        if ours == theirs { return .merged(ours) }
        if ours == base { return .merged(theirs) }
        if theirs == base { return .merged(ours) }
        if let ours, let theirs, let merged = LineMerge.merge(base: base ?? "", ours: ours, theirs: theirs) {
            return .merged(merged)
        }
        let a = SideValue(ours, commit: commits.ours), b = SideValue(theirs, commit: commits.theirs)
        let conflict = FieldConflict.between(field: field, base: base, a, b)
        return .conflict(kept: FieldConflict.keepsFirst(a, b) ? ours : theirs, conflict)
    }
}

/// Key order after a merge: a side that kept the base's order takes the other side's;
/// otherwise the base's keys come first and new ones follow, sorted. The same either way round.
enum KeyOrder {
    /// The order of the keys in `present` (the keys the merged value has).
    static func merge(base: [String]?, ours: [String], theirs: [String], present: Set<String>) -> [String] {
        let b = base ?? []
        let preferred: [String]
        if ours == b { preferred = theirs } else if theirs == b || ours == theirs { preferred = ours } else { preferred = b }
        var seen = Set<String>()
        let ordered = preferred.filter { present.contains($0) && seen.insert($0).inserted }
        return ordered + present.subtracting(seen).sorted()
    }
}
