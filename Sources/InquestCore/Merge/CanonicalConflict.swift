/// One side's value in a dispute, with the commit it came from.
struct SideValue: Hashable {
    var value: String?
    /// A total tie-break when two different values read the same (`3` against `"3"`).
    var exact: String?
    var commit: String?

    init(_ value: String?, exact: String? = nil, commit: String?) {
        self.value = value
        self.exact = exact ?? value
        self.commit = commit
    }

    /// Absent values first, then by text: an order that does not depend on who merges.
    static func canonicallyBefore(_ a: SideValue, _ b: SideValue) -> Bool {
        (a.value == nil ? 0 : 1, a.value ?? "", a.exact ?? "", a.commit ?? "")
            < (b.value == nil ? 0 : 1, b.value ?? "", b.exact ?? "", b.commit ?? "")
    }
}

extension FieldConflict {
    /// A conflict between two sides, stored in canonical order rather than as "mine" and
    /// "the other one": merging A into B and B into A then write byte-identical records, so
    /// clones that merged in different orders converge instead of conflicting again.
    /// `ours` is the side that sorts first (an absent value first, then by text).
    static func between(field: String, base: String?, _ a: SideValue, _ b: SideValue) -> FieldConflict {
        let (first, second) = SideValue.canonicallyBefore(a, b) ? (a, b) : (b, a)
        return FieldConflict(field: field, base: base, ours: first.value, theirs: second.value,
                             oursCommit: first.commit, theirsCommit: second.commit)
    }

    /// Which side a field holds while its conflict stands: a present value over an absent
    /// one (an edit is never dropped), else the side that sorts first. Either merge order
    /// picks the same one.
    static func keepsFirst(_ a: SideValue, _ b: SideValue) -> Bool {
        if a.value == nil { return false }
        if b.value == nil { return true }
        return SideValue.canonicallyBefore(a, b)
    }

    /// Sorts conflicts by field, then values, so the list is the same on every clone.
    static func canonicallyBefore(_ a: FieldConflict, _ b: FieldConflict) -> Bool {
        (a.field, a.base ?? "", a.ours ?? "", a.theirs ?? "", a.oursCommit ?? "", a.theirsCommit ?? "")
            < (b.field, b.base ?? "", b.ours ?? "", b.theirs ?? "", b.oursCommit ?? "", b.theirsCommit ?? "")
    }
}
