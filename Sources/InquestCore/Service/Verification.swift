import Foundation
import GitKit

/// One commit as `verify` and `log` report it.
public struct CommitReport: Sendable {
    public let commit: String
    public let parents: [String]
    public let subject: String
    public let author: KeyOwner
    /// The author's time: when the change was made.
    public let time: Timestamp
    public let signature: SignatureCheck

    init(_ info: CommitInfo, _ signature: SignatureCheck) {
        commit = info.id.hex
        parents = info.parents.map(\.hex)
        subject = String(info.message[..<(info.message.firstIndex(of: "\n") ?? info.message.endIndex)])
        author = KeyOwner(name: info.author.name, email: info.author.email)
        time = Timestamp(seconds: info.author.time)
        self.signature = signature
    }
}

/// What `inquest verify` found.
public struct VerifyReport: Sendable {
    /// Newest first; without the pre-trust commits.
    public let commits: [CommitReport]
    /// `require_signed` of the policy at the tip of the branch.
    public let requireSigned: Bool
    /// Unsigned or untrusted commits made before the first trust root (ancestors of the
    /// commit that put it in force): signing was switched on after them. Reported apart,
    /// newest first, and never a failure.
    public var preTrust: [CommitReport] = []
    /// Changes to `.inquest/trust/` on the tip's first-parent line that did not count.
    public var ignoredTrustChanges: [CommitVerifier.IgnoredTrustChange] = []

    /// The commits that fall short: bad ones always, unsigned and untrusted ones when
    /// signatures are required.
    public var failures: [CommitReport] {
        commits.filter { c in
            switch c.signature.state {
            case .good: return false
            case .bad: return true
            case .unsigned, .untrusted: return requireSigned
            }
        }
    }

    public var ok: Bool { failures.isEmpty }

    public func count(_ state: SignatureCheck.State) -> Int {
        commits.reduce(0) { $0 + ($1.signature.state == state ? 1 : 0) }
    }
}

extension Postmortems {
    /// Checks every commit of the branch, or of `range` (`A..B`, `A...B`, `A..` meaning up to
    /// the tip, or one revision and all its history), against the trust roots in force for it.
    public func verify(range: String?) throws -> VerifyReport {
        let repo = store.repository
        let snap = try snapshot()
        guard let tip = snap.commit else { throw InquestError.invalid("the '\(branch)' branch has no commits") }
        var end = tip
        var hidden: [OID] = []
        if let range, !range.isEmpty {
            let resolved = try store.resolve(try RevisionRange.parse(range), singleMeansHistory: true)
            end = resolved.after
            hidden = resolved.hidden
        }
        let verifier = try CommitVerifier(store: store)
        defer { verifier.close() }
        // The whole branch: one pass through the verifier, which reads each commit once for
        // the walk, the trust roots and the report alike.
        let history = hidden.isEmpty && end == tip ? try verifier.history(from: tip) : nil
        try decideRoot(verifier, tip: tip, history: history)
        let preTrust = try verifier.firstTrustCommit(onLineOf: end).map { first in
            Set(try repo.walk(from: try verifier.info(first).parents))
        } ?? []
        var commits: [CommitReport] = [], early: [CommitReport] = []
        let ids = try history ?? repo.walk(from: [end], hiding: hidden)
        // Every signature checked together: SSH in process on every core, OpenPGP in one gpg run.
        try verifier.prepare(ids)
        for id in ids {
            let report = CommitReport(try verifier.info(id), try verifier.verdict(id))
            let notGood = report.signature.state == .unsigned || report.signature.state == .untrusted
            if notGood && preTrust.contains(id) { early.append(report) } else { commits.append(report) }
        }
        // Today's rule, for the whole of history: the question is whether the branch meets it.
        let required = try SignaturePolicy.requireSigned(snap)
        var report = VerifyReport(commits: commits, requireSigned: required)
        report.preTrust = early
        report.ignoredTrustChanges = try verifier.ignoredTrustChanges(onLineOf: end)
        return report
    }

    /// Which root the first-parent line must start at: the pinned one; else, when the whole
    /// history has one root, that one (pinned now, the first time this clone sees the
    /// branch); else none can be trusted.
    /// `history`: every commit reachable from `tip`, when the caller has it.
    func decideRoot(_ verifier: CommitVerifier, tip: OID, history: [OID]? = nil) throws {
        let pin = RootPin(store: store)
        if let pinned = pin.pinned {
            verifier.rootRule = .pinned(pinned)
            return
        }
        let roots = try (history ?? verifier.history(from: tip)).filter { try verifier.info($0).parents.isEmpty }
        if roots.count == 1 {
            pin.pin(roots[0])
            verifier.rootRule = .pinned(roots[0])
        } else {
            verifier.rootRule = .ambiguous(roots)
        }
    }
}
