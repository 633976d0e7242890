/// Merges an incident's narrative section by section; inside a section, line by line.
///
/// A section one side removed while the other edited it keeps the edit, as a conflict.
enum SectionsMerge {
    static func merge(base: Sections?, ours: Sections, theirs: Sections,
                      commits: MergeCommits) -> (sections: Sections, conflicts: [FieldConflict]) {
        var result = Sections()
        var conflicts: [FieldConflict] = []

        switch TextFieldMerge.merge(field: "section:preamble", base: base?.preamble ?? "", ours: ours.preamble,
                                    theirs: theirs.preamble, commits: commits) {
        case .merged(let text): result.preamble = text ?? ""
        case .conflict(let kept, let c): result.preamble = kept ?? ""; conflicts.append(c)
        }

        func lookup(_ s: Sections?) -> [String: Sections.Section] {
            Dictionary((s?.items ?? []).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let b = lookup(base), o = lookup(ours), t = lookup(theirs)
        var merged: [String: (heading: String, text: String)] = [:]
        for key in Set(o.keys).union(t.keys).union(b.keys) {
            let (bs, os, ts) = (b[key], o[key], t[key])
            let text: String?
            switch TextFieldMerge.merge(field: "section:\(key)", base: bs?.text, ours: os?.text, theirs: ts?.text,
                                        commits: commits) {
            case .merged(let merged): text = merged
            case .conflict(let kept, let c): text = kept; conflicts.append(c)
            }
            // No text: both sides removed it, or one removed it and the other left it alone.
            guard let text else { continue }
            merged[key] = (heading(key, bs?.heading, os?.heading, ts?.heading), text)
        }
        let order = KeyOrder.merge(base: base?.keys, ours: ours.keys, theirs: theirs.keys, present: Set(merged.keys))
        for key in order {
            let m = merged[key]!
            result.set(key, m.text, heading: m.heading)
        }
        return (result, conflicts)
    }

    /// A heading is cosmetic: three-way, and when both renamed it, the first alphabetically.
    private static func heading(_ key: String, _ b: String?, _ o: String?, _ t: String?) -> String {
        switch (o, t) {
        case let (o?, t?):
            if o == t || t == b { return o }
            if o == b { return t }
            return min(o, t)
        case let (o?, nil): return o
        case let (nil, t?): return t
        default: return b ?? key
        }
    }
}
