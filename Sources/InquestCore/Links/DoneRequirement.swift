/// What a follow-up of some kind needs before it may be `done` (`done_requires` in the policy).
public enum DoneRequirement: String, Vocabulary, Comparable {
    /// Nothing beyond saying so.
    case none
    /// A review note saying what was done.
    case note
    /// A `Fixes-Follow-up` commit reachable from main, not reverted.
    case merged
    /// That, and a release tag containing it.
    case shipped

    public static func < (a: DoneRequirement, b: DoneRequirement) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Whether meeting it needs the code history (so the scan can be skipped otherwise).
    public var needsCode: Bool { self == .merged || self == .shipped }
}
