import Foundation
import GitKit

/// What `inquest fix-unpushed` did.
public struct FixUnpushedReport: Sendable {
    public let remote: String
    public let rewritten: Int
    public let oldTip: OID
    public let newTip: OID
}

extension Store {
    /// Makes again, through the commit path every write uses (so signed when signing is
    /// on), the commits of the data branch that `remote` does not have yet: same trees,
    /// messages and authors, parents mapped, merges kept as merges. This is how a push that
    /// the server refused for unsigned commits is mended (sign, then sync); a refusal for
    /// missing content is mended with an ordinary write on top.
    ///
    /// Only commits not on `refs/remotes/REMOTE/BRANCH` are touched: what others have is
    /// never rewritten. With no remote-tracking branch (never pushed) it refuses, since the
    /// whole history, root included, would change.
    public func rewriteUnpushed(_ writer: Writer, remote explicit: String?) throws -> FixUnpushedReport {
        try refuseIfCheckedOut()
        let remote = try syncRemote(explicit)
        guard let tip = try tip else {
            throw InquestError.invalid("there is no '\(branch)' branch to fix")
        }
        let tracking = "refs/remotes/\(remote)/\(branch)"
        guard let upstream = try repository.referenceTarget(tracking) else {
            throw InquestError.invalid("'\(remote)' has no '\(branch)' yet (no \(tracking)): nothing has been pushed, so nothing is unpushed",
                                       hint: "run `inquest sync \(remote)` to fetch it, or publish the branch as it is")
        }
        let unpushed = try repository.walk(from: [tip], hiding: [upstream])
        guard !unpushed.isEmpty else {
            throw InquestError.invalid("every commit of '\(branch)' is already on \(remote); nothing to fix")
        }
        let committer = try identity(.committer)
        var mapped: [OID: OID] = [:]
        // The walk lists children first; make parents first.
        for old in unpushed.reversed() {
            let info = try repository.commit(old)
            let parents = info.parents.map { mapped[$0] ?? $0 }
            mapped[old] = try makeCommit(writer, tree: info.tree, parents: parents, message: info.message,
                                         author: info.author, committer: committer)
        }
        let newTip = mapped[tip]!
        do {
            try repository.updateReference(referenceName, to: newTip, expecting: tip, message: "inquest: fix-unpushed")
        } catch let e as GitError where e.isModified || e.isLocked {
            throw InquestError(.repository, "the '\(branch)' branch moved while its commits were being rewritten; nothing was changed",
                               hint: "run `inquest fix-unpushed` again")
        }
        return FixUnpushedReport(remote: remote, rewritten: unpushed.count, oldTip: tip, newTip: newTip)
    }
}

extension Postmortems {
    /// `inquest fix-unpushed`: the unpushed commits made again with this run's signing decision.
    public func fixUnpushed(remote: String?) throws -> FixUnpushedReport {
        try store.rewriteUnpushed(try writer(), remote: remote)
    }
}
