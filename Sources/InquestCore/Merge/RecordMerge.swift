import Foundation

/// Three-way merge of one record (DESIGN section 6).
///
/// Front-matter keys merge independently, lists as sets, the body as text (an incident's
/// section by section). Two different changes to one field keep both values as a conflict
/// stored in the record, never as conflict markers. A record deleted on one side and
/// changed on the other is kept, with a conflict on the field `record`. A version that
/// does not parse is not dropped: the readable one is kept and the other is stored in a
/// conflict on the field `file`. Every rule is symmetric, so merging A into B and B into A
/// write the same bytes.
enum RecordMerge {
    /// Conflict values for edit-versus-delete.
    static let deleted = "deleted"
    static let edited = "edited"
    /// The largest unreadable version kept as text in a `file` conflict (1 MiB), well under
    /// `RecordLimits.maxFrontMatterBytes` so the merged record stays readable.
    static let maxKeptBytes = 1 << 20

    static func merge(path: String, kind: RecordKind, base: Data?, ours: Data?, theirs: Data?,
                      commits: MergeCommits) -> FileMergeResult {
        var notes: [String] = []
        var baseRecord: AnyRecord?
        if let base {
            do { baseRecord = try AnyRecord(kind: kind, data: base, path: path) } catch {
                notes.append("\(path): the common ancestor does not parse; merged as if it had no ancestor")
            }
        }
        var result: FileMergeResult
        switch (ours, theirs) {
        case let (ours?, theirs?):
            result = bothChanged(path: path, kind: kind, base: baseRecord, baseData: base, ours: ours, theirs: theirs,
                                 commits: commits)
        case let (edited?, nil):
            result = editVersusDelete(path: path, kind: kind, base: baseRecord, edited: edited,
                                      editedCommit: commits.ours, deletedCommit: commits.theirs)
        case let (nil, edited?):
            result = editVersusDelete(path: path, kind: kind, base: baseRecord, edited: edited,
                                      editedCommit: commits.theirs, deletedCommit: commits.ours)
        case (nil, nil):
            result = FileMergeResult(nil)
        }
        result.notes = notes + result.notes
        return result
    }

    private static func editVersusDelete(path: String, kind: RecordKind, base: AnyRecord?, edited: Data,
                                         editedCommit: String?, deletedCommit: String?) -> FileMergeResult {
        guard var record = try? AnyRecord(kind: kind, data: edited, path: path) else {
            var r = FileMergeResult(edited)
            r.notes.append("\(path): deleted on one side and changed on the other, and the changed version does not parse; kept it as it is")
            return r
        }
        let conflict = FieldConflict.between(field: "record", base: nil,
                                             SideValue(deleted, commit: deletedCommit),
                                             SideValue(self.edited, commit: editedCommit))
        record.conflicts = ConflictListMerge.merge(base: base?.conflicts ?? [], ours: record.conflicts,
                                                   theirs: record.conflicts, new: [conflict])
        var r = FileMergeResult(record.serialized())
        r.conflicts = [conflict]
        return r
    }

    private static func bothChanged(path: String, kind: RecordKind, base: AnyRecord?, baseData: Data?, ours: Data,
                                    theirs: Data, commits: MergeCommits) -> FileMergeResult {
        let o = Result { try AnyRecord(kind: kind, data: ours, path: path) }
        let t = Result { try AnyRecord(kind: kind, data: theirs, path: path) }
        switch (o, t) {
        case let (.success(o), .success(t)):
            do {
                return try fields(path: path, kind: kind, base: base, ours: o, theirs: t, commits: commits)
            } catch {
                var r = FileMergeResult(ours)
                r.merged = false
                r.notes.append("\(path): the merged record does not parse (\(firstLine(error))); kept the local version")
                return r
            }
        case let (.success(good), .failure(error)):
            return keepReadable(path: path, good, goodCommit: commits.ours, unreadable: theirs,
                                unreadableCommit: commits.theirs, which: "incoming", error)
        case let (.failure(error), .success(good)):
            return keepReadable(path: path, good, goodCommit: commits.theirs, unreadable: ours,
                                unreadableCommit: commits.ours, which: "local", error)
        case (.failure, .failure):
            let merged = try? GitTextMerge.clean(base: baseData, ours: ours, theirs: theirs)
            var r = FileMergeResult(merged ?? ours)
            if merged != nil {
                r.notes.append("\(path): neither version parses; merged them as text (fix it with `inquest edit`)")
            } else {
                r.merged = false
                r.notes.append("\(path): neither version parses and they change the same lines; kept the local version")
            }
            return r
        }
    }

    /// Keeps the version that parses and stores the other's text in a `file` conflict, so
    /// nothing is lost and `inquest conflicts` shows it.
    private static func keepReadable(path: String, _ good: AnyRecord, goodCommit: String?, unreadable: Data,
                                     unreadableCommit: String?, which: String, _ error: Error) -> FileMergeResult {
        var record = good
        // A version over the size limit is not copied into the record (which would then be
        // over it too): the conflict names it instead; its bytes stay in its commit.
        let text = unreadable.count > maxKeptBytes
            ? "(\(unreadable.count) bytes, too large to keep here; the version is in commit \(unreadableCommit ?? "being merged"))"
            : String(decoding: unreadable, as: UTF8.self)
        let conflict = FieldConflict.between(field: "file", base: nil,
                                             SideValue(nil, commit: goodCommit),
                                             SideValue(text, commit: unreadableCommit))
        record.conflicts = ConflictListMerge.merge(base: [], ours: record.conflicts, theirs: record.conflicts,
                                                   new: [conflict])
        var r = FileMergeResult(record.serialized())
        r.conflicts = [conflict]
        r.notes.append("\(path): the \(which) version does not parse (\(firstLine(error))); kept the other one and stored it in the record's conflicts (field `file`)")
        return r
    }

    private static func fields(path: String, kind: RecordKind, base: AnyRecord?, ours: AnyRecord, theirs: AnyRecord,
                               commits: MergeCommits) throws -> FileMergeResult {
        let bf = base?.file(), of = ours.file(), tf = theirs.file()
        let front = FrontMatterMerge.merge(base: bf?.frontMatter, ours: of.frontMatter, theirs: tf.frontMatter,
                                           commits: commits, skipping: [FieldConflict.key])
        var found = front.conflicts
        let body: String
        if case .incident(let oi) = ours, case .incident(let ti) = theirs {
            var baseSections: Sections?
            if case .incident(let bi)? = base { baseSections = bi.sections }
            let merged = SectionsMerge.merge(base: baseSections, ours: oi.sections, theirs: ti.sections, commits: commits)
            body = merged.sections.render()
            found += merged.conflicts
        } else {
            switch TextFieldMerge.merge(field: ours.bodyField ?? "text", base: bf?.body.trimmedBlock,
                                        ours: of.body.trimmedBlock, theirs: tf.body.trimmedBlock, commits: commits) {
            case .merged(let text): body = text ?? ""
            case .conflict(let kept, let c): body = kept ?? ""; found.append(c)
            }
        }
        var record = try AnyRecord(kind: kind, file: RecordFile(frontMatter: front.pairs, body: body), path: path)
        record.conflicts = ConflictListMerge.merge(base: base?.conflicts ?? [], ours: ours.conflicts,
                                                   theirs: theirs.conflicts, new: found)
        var r = FileMergeResult(record.serialized())
        r.conflicts = found.sorted(by: FieldConflict.canonicallyBefore)
        return r
    }

    private static func firstLine(_ error: Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}
