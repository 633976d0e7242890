import Foundation
import GitKit

/// Line-by-line merge of two versions of a text, through libgit2's `git_merge_file`.
enum LineMerge {
    /// The merged text, or nil when the sides changed the same lines differently.
    ///
    /// It runs both ways round and accepts only a result both agree on, so a merge never
    /// depends on which side merged: a requirement for clones to converge.
    static func merge(base: String, ours: String, theirs: String) -> String? {
        func data(_ s: String) -> Data { s.isEmpty ? Data() : Data((s + "\n").utf8) }
        guard let one = try? TextMerge.merge(base: data(base), ours: data(ours), theirs: data(theirs)),
              let two = try? TextMerge.merge(base: data(base), ours: data(theirs), theirs: data(ours)),
              one.clean, two.clean, one.data == two.data,
              let text = String(data: one.data, encoding: .utf8) else { return nil }
        return text.trimmedBlock
    }
}

/// A whole-file text merge that refuses to produce conflict markers.
enum GitTextMerge {
    struct NotClean: Error {}

    static func clean(base: Data?, ours: Data, theirs: Data) throws -> Data {
        let r = try TextMerge.merge(base: base, ours: ours, theirs: theirs)
        guard r.clean else { throw NotClean() }
        return r.data
    }
}
