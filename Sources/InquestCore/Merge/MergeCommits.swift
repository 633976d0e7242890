/// The two commits a merge joins, written into the conflicts it records so a reader can
/// find where each value came from. Unknown (nil) when git runs the merge driver, which is
/// given file names only.
public struct MergeCommits: Hashable, Sendable {
    public var ours: String?
    public var theirs: String?

    public init(ours: String? = nil, theirs: String? = nil) {
        self.ours = ours
        self.theirs = theirs
    }
}
