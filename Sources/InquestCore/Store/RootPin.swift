import Foundation
import GitKit

/// The root commit of the data branch, pinned in this repository's git configuration
/// (`inquest.<branch>.root`) the first time Inquest sees the branch: by `init`, by the
/// `sync` that first fetches it, by `verify`, or by the server hook on the push that
/// creates it.
///
/// The branch has one root, and trust is computed along first parents from it. A history
/// whose first-parent line starts anywhere else was grafted: `verify` reports its commits
/// as bad, `sync` refuses to take it, and the server refuses it (docs/trust.md).
public struct RootPin {
    let repository: Repository
    let branch: String
    /// Reading another ref (a remote-tracking branch, a tag, a commit): it is checked against
    /// the data branch's pin, and a read never writes one.
    let readOnly: Bool

    public init(store: Store) {
        repository = store.repository
        if store.readOnly != nil {
            branch = (try? store.repository.config().string("inquest.branch")) ?? "postmortems"
            readOnly = true
        } else {
            branch = store.branch
            readOnly = false
        }
    }

    public init(repository: Repository, branch: String) {
        self.repository = repository
        self.branch = branch
        readOnly = false
    }

    /// The configuration key: `inquest.<branch>.root`.
    public var configKey: String { "inquest.\(branch).root" }

    /// The pinned root, if any. A value that is not a commit id pins nothing (and `verify`
    /// says so rather than trusting it).
    public var pinned: OID? {
        guard let text = try? repository.config().string(configKey) else { return nil }
        return OID(hex: text.trimmingCharacters(in: .whitespaces))
    }

    /// Pins `root` unless a root is pinned already. Failing to write the configuration
    /// (a read-only repository) only means the next run pins it instead.
    public func pin(_ root: OID) {
        guard !readOnly, pinned == nil else { return }
        try? repository.setLocalConfig(configKey, root.hex)
    }

    /// The root on `commit`'s first-parent line.
    public func firstParentRoot(of commit: OID) throws -> OID {
        var cursor = commit
        while let parent = try repository.commit(cursor).parents.first { cursor = parent }
        return cursor
    }

    /// Nil when `tip`'s first-parent line starts at the pinned root (or none is pinned yet:
    /// then it is pinned now); otherwise why that history is not this branch's.
    public func check(tip: OID) throws -> String? {
        let root = try firstParentRoot(of: tip)
        guard let pinned else {
            pin(root)
            return nil
        }
        if root == pinned { return nil }
        return "its history starts at \(root.short), not at the root of the '\(branch)' branch (\(pinned.short), pinned in git config \(configKey)): it was grafted"
    }
}
