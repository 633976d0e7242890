import CGit2
import Foundation

/// What a line-by-line three-way merge of two texts produced.
public struct TextMergeResult: Sendable, Equatable {
    /// True when the two sides changed different lines (or the same lines identically).
    public let clean: Bool
    /// The merged text. When not clean it holds git-style conflict markers, so callers that
    /// must never store markers check `clean` first.
    public let data: Data
}

/// Three-way merge of texts in memory, as `git merge-file` does (libgit2's `git_merge_file`).
/// Needs no repository: the merge driver runs it on plain files.
public enum TextMerge {
    /// Merges `ours` and `theirs` against `base` (nil: no common ancestor, an empty text).
    public static func merge(base: Data?, ours: Data, theirs: Data) throws -> TextMergeResult {
        Library.ensure()
        var options = git_merge_file_options()
        try check(git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)),
                  "git_merge_file_options_init")
        // Buffers are copied with one spare byte so an empty text still has a valid pointer.
        let a = [UInt8](base ?? Data()) + [0], o = [UInt8](ours) + [0], t = [UInt8](theirs) + [0]
        var result = git_merge_file_result()
        defer { git_merge_file_result_free(&result) }
        try a.withUnsafeBufferPointer { ab in
            try o.withUnsafeBufferPointer { ob in
                try t.withUnsafeBufferPointer { tb in
                    var ai = try input(ab, count: a.count - 1)
                    var oi = try input(ob, count: o.count - 1)
                    var ti = try input(tb, count: t.count - 1)
                    try check(git_merge_file(&result, &ai, &oi, &ti, &options), "git_merge_file")
                }
            }
        }
        let data = result.ptr.map { Data(bytes: $0, count: result.len) } ?? Data()
        return TextMergeResult(clean: result.automergeable != 0, data: data)
    }

    private static func input(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) throws -> git_merge_file_input {
        var i = git_merge_file_input()
        try check(git_merge_file_input_init(&i, UInt32(GIT_MERGE_FILE_INPUT_VERSION)), "git_merge_file_input_init")
        i.ptr = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        i.size = count
        return i
    }
}
