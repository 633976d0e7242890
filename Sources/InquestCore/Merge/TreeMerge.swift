import Foundation
import GitKit

/// A conflict and the record it is stored in.
public struct RecordConflict: Hashable, Sendable {
    public let record: RecordID
    public let conflict: FieldConflict
}

/// What merging two versions of the data branch gave.
public struct TreeMergeResult: Sendable {
    public let tree: OID
    /// Conflicts this merge recorded.
    public let conflicts: [RecordConflict]
    /// What could not be settled as data (files kept as they were), in words.
    public let notes: [String]
    /// Records whose content or place the merge changed on our side, sorted.
    public let changedRecords: [RecordID]
    /// How many files both sides had changed and needed a real three-way merge.
    public let mergedFiles: Int
}

/// Merges two trees of the data branch against their common base.
///
/// Only files the two sides changed are looked at (tree diffs skip shared subtrees), so a
/// merge costs what changed, not what the branch holds. The versions of one record are
/// paired by record ID, not by path, because a timeline event's file name carries its time.
enum TreeMerge {
    private enum Key: Hashable {
        case record(RecordID)
        case path(String)
    }

    private struct State: Equatable {
        let path: String
        let blob: OID
    }

    static func merge(_ repo: Repository, base: OID?, ours: OID, theirs: OID,
                      commits: MergeCommits) throws -> TreeMergeResult {
        func key(_ path: String) -> Key { RecordPath(path).map { .record($0.id) } ?? .path(path) }
        func group(_ changes: [TreeChange]) -> [Key: [TreeChange]] {
            Dictionary(grouping: changes, by: { key($0.path) })
        }
        let byOurs = group(try repo.diffTrees(base, ours))
        let byTheirs = group(try repo.diffTrees(base, theirs))

        var editor = TreeEditor(repository: repo, base: ours)
        var conflicts: [RecordConflict] = []
        var notes: [String] = []
        var changed = Set<RecordID>()
        var mergedFiles = 0

        for (k, theirChanges) in byTheirs.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            guard let ourChanges = byOurs[k] else {
                // Only their side touched it: take their change as it is.
                for c in theirChanges {
                    if c.status == .deleted || c.newID == nil { editor.remove(c.path) }
                    else { editor.set(c.path, blob: c.newID!) }
                }
                if case .record(let id) = k { changed.insert(id) }
                continue
            }
            let o = state(ourChanges), t = state(theirChanges)
            if o == t { continue }
            let b = (ourChanges + theirChanges).first { $0.status != .added && $0.oldID != nil }
                .map { State(path: $0.path, blob: $0.oldID!) }
            mergedFiles += 1
            let anyPath = o?.path ?? t?.path ?? b!.path
            let ourData = try o.map { try repo.readRecord($0.blob, path: $0.path) }
            let result = FileMerge.merge(path: anyPath, base: try b.map { try repo.readRecord($0.blob, path: $0.path) },
                                         ours: ourData, theirs: try t.map { try repo.readRecord($0.blob, path: $0.path) },
                                         commits: commits)
            notes += result.notes
            let target = result.data.map { resultPath($0, base: b?.path, ours: o?.path, theirs: t?.path, any: anyPath) }
            for p in Set((ourChanges + theirChanges).map(\.path)) where p != target { editor.remove(p) }
            if let target, let data = result.data, data != ourData || target != o?.path {
                editor.set(target, blob: try repo.writeBlob(data))
                if case .record(let id) = k { changed.insert(id) }
            } else if result.data == nil, o != nil, case .record(let id) = k {
                changed.insert(id)
            }
            if case .record(let id) = k {
                conflicts += result.conflicts.map { RecordConflict(record: id, conflict: $0) }
            }
        }
        return TreeMergeResult(tree: try editor.write(), conflicts: conflicts, notes: notes,
                               changedRecords: changed.sorted(), mergedFiles: mergedFiles)
    }

    /// A side's version of a file or record after its changes, nil when it deleted it.
    private static func state(_ changes: [TreeChange]) -> State? {
        changes.filter { $0.status != .deleted && $0.newID != nil }
            .min { $0.path < $1.path }
            .map { State(path: $0.path, blob: $0.newID!) }
    }

    /// Where the merged file goes: a timeline event where its (merged) time puts it; else
    /// where a side that moved it put it.
    private static func resultPath(_ data: Data, base: String?, ours: String?, theirs: String?, any: String) -> String {
        if RecordPath(any)?.kind == .event, let event = try? TimelineEvent(data: data, path: any) {
            return Layout.eventPath(dir: RecordPath.incidentDir(of: any), event)
        }
        switch (ours, theirs) {
        case let (o?, t?):
            if o == t || t == base { return o }
            if o == base { return t }
            return min(o, t)
        case let (o?, nil): return o
        case let (nil, t?): return t
        default: return any
        }
    }
}
