/// Merges front matter key by key: each key is an independent field, so two people
/// changing different fields of one record never conflict.
enum FrontMatterMerge {
    /// `skipping` names keys merged elsewhere (the `conflicts` list).
    static func merge(base: [YAMLPair]?, ours: [YAMLPair], theirs: [YAMLPair], commits: MergeCommits,
                      skipping: Set<String>) -> (pairs: [YAMLPair], conflicts: [FieldConflict]) {
        func map(_ pairs: [YAMLPair]) -> [String: YAMLValue] {
            Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let b = base.map(map), o = map(ours), t = map(theirs)
        var merged: [String: YAMLValue] = [:]
        var conflicts: [FieldConflict] = []
        for key in Set(o.keys).union(t.keys).union(b?.keys ?? [:].keys) where !skipping.contains(key) {
            switch ValueMerge.merge(field: key, base: b?[key], ours: o[key], theirs: t[key], commits: commits) {
            case .merged(let v):
                if let v { merged[key] = v }
            case .conflict(let kept, let c):
                conflicts.append(c)
                if let kept { merged[key] = kept }
            }
        }
        let order = KeyOrder.merge(base: base?.map(\.key), ours: ours.map(\.key), theirs: theirs.map(\.key),
                                   present: Set(merged.keys))
        return (order.map { YAMLPair($0, merged[$0]!) }, conflicts)
    }
}
