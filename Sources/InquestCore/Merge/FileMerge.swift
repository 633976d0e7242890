import Foundation

/// What merging one file gave.
public struct FileMergeResult: Sendable {
    /// The merged file; nil when it is deleted.
    public var data: Data?
    /// The conflicts this merge recorded in the record (older unresolved ones stay too).
    public var conflicts: [FieldConflict] = []
    /// What could not be settled as data, in words for the user.
    public var notes: [String] = []
    /// False when no real merge was possible and `data` is our side kept as it was (the
    /// notes say why); true for every merge, including those that recorded conflicts.
    public var merged = true

    init(_ data: Data?) { self.data = data }
}

/// Merges one file of the data branch three ways: records by record and field (see
/// RecordMerge), anything else as text (see PlainFileMerge). `nil` is a missing file.
/// The merge driver and `inquest sync` both come through here, so they agree.
public enum FileMerge {
    public static func merge(path: String, base: Data?, ours: Data?, theirs: Data?,
                             commits: MergeCommits = MergeCommits()) -> FileMergeResult {
        if ours == theirs { return FileMergeResult(ours) }
        if ours == base { return FileMergeResult(theirs) }
        if theirs == base { return FileMergeResult(ours) }
        if let record = RecordPath(path) {
            return RecordMerge.merge(path: path, kind: record.kind, base: base, ours: ours, theirs: theirs,
                                     commits: commits)
        }
        return PlainFileMerge.merge(path: path, base: base, ours: ours, theirs: theirs)
    }
}

/// Files that are not records (`.inquest/*`, README.md, .gitattributes): one side's change
/// is taken; changes on both sides merge line by line; if they touch the same lines, our
/// version is kept and the merge says so, rather than writing conflict markers.
enum PlainFileMerge {
    static func merge(path: String, base: Data?, ours: Data?, theirs: Data?) -> FileMergeResult {
        guard let ours, let theirs else {
            var r = FileMergeResult(ours ?? theirs)
            r.notes.append("\(path): deleted on one side and changed on the other; kept the changed file")
            return r
        }
        if let merged = try? GitTextMerge.clean(base: base, ours: ours, theirs: theirs) {
            return FileMergeResult(merged)
        }
        var r = FileMergeResult(ours)
        r.merged = false
        r.notes.append("\(path): both sides changed the same lines; kept the local version, the incoming change was not applied")
        return r
    }
}
