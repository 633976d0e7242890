import Foundation

/// Two concurrent edits of one field that could not both win. The merge keeps both values
/// here, in the record itself, until someone resolves it on purpose (`inquest resolve`).
public struct FieldConflict: Hashable, Sendable {
    /// The field (`severity`), a section (`section:summary`), or `record` for edit-vs-delete.
    public var field: String
    /// Values as canonical YAML text (a scalar's text, or a flow list); nil where absent.
    public var base: String?
    public var ours: String?
    public var theirs: String?
    public var oursCommit: String?
    public var theirsCommit: String?

    public init(field: String, base: String?, ours: String?, theirs: String?,
                oursCommit: String? = nil, theirsCommit: String? = nil) {
        self.field = field
        self.base = base
        self.ours = ours
        self.theirs = theirs
        self.oursCommit = oursCommit
        self.theirsCommit = theirsCommit
    }

    static let key = "conflicts"

    var yaml: YAMLValue {
        var pairs = [YAMLPair("field", .string(field))]
        func add(_ k: String, _ v: String?) { if let v { pairs.append(YAMLPair(k, .string(v))) } }
        add("base", base)
        add("ours", ours)
        add("theirs", theirs)
        add("ours_commit", oursCommit)
        add("theirs_commit", theirsCommit)
        return .map(pairs)
    }

    /// Reads the `conflicts` list of a record; a malformed entry is a problem, not dropped.
    static func read(_ r: inout FieldReader) -> [FieldConflict] {
        r.mapList(key).compactMap { pairs in
            let get = { (k: String) in pairs.first { $0.key == k }?.value.scalarText }
            guard let field = get("field"), !field.isEmpty else {
                r.fail(key, "each conflict needs a field")
                return nil
            }
            return FieldConflict(field: field, base: get("base"), ours: get("ours"), theirs: get("theirs"),
                                 oursCommit: get("ours_commit"), theirsCommit: get("theirs_commit"))
        }
    }

    static func write(_ conflicts: [FieldConflict], _ w: inout FieldWriter) {
        if !conflicts.isEmpty { w.raw(key, .list(conflicts.map(\.yaml))) }
    }
}
