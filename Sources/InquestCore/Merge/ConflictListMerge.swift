/// Merges the `conflicts` lists of a record's versions, then adds what this merge found.
///
/// The lists merge as sets, so a conflict one side resolved stays resolved, and one side's
/// new conflict is kept. A field that conflicts again in this merge drops its older
/// entries: both sides have moved past those values. One dispute recorded twice (once by
/// a merge driver, which knows no commits, once by sync) is kept once.
enum ConflictListMerge {
    static func merge(base: [FieldConflict], ours: [FieldConflict], theirs: [FieldConflict],
                      new: [FieldConflict]) -> [FieldConflict] {
        let b = Set(base), o = Set(ours), t = Set(theirs)
        let renewed = Set(new.map(\.field))
        let kept = o.intersection(t).union(o.subtracting(b)).union(t.subtracting(b))
            .filter { !renewed.contains($0.field) }
        struct Dispute: Hashable { let field: String, base: String?, ours: String?, theirs: String? }
        var byDispute: [Dispute: FieldConflict] = [:]
        for c in kept.union(new) {
            let key = Dispute(field: c.field, base: c.base, ours: c.ours, theirs: c.theirs)
            if let other = byDispute[key], !prefer(c, over: other) { continue }
            byDispute[key] = c
        }
        return byDispute.values.sorted(by: FieldConflict.canonicallyBefore)
    }

    /// The entry that knows its commits wins; otherwise the first in canonical order.
    private static func prefer(_ a: FieldConflict, over b: FieldConflict) -> Bool {
        let ka = (a.oursCommit == nil ? 0 : 1) + (a.theirsCommit == nil ? 0 : 1)
        let kb = (b.oursCommit == nil ? 0 : 1) + (b.theirsCommit == nil ? 0 : 1)
        if ka != kb { return ka > kb }
        return FieldConflict.canonicallyBefore(a, b)
    }
}
