import Foundation

/// One link from a follow-up to code: a commit found by its trailer, or a commit or URL
/// linked by hand; with where git says that commit is.
public struct CodeLink: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        /// A `Follow-up:` trailer: work on it.
        case followUp = "follow-up"
        /// A `Fixes-Follow-up:` trailer: the fix. The only source that proves `merged`.
        case fixes = "fixes-follow-up"
        /// `inquest followup link`: shown, never proof (anyone who can write the branch can add one).
        case hand = "link"
    }

    /// Where the fix stands, from best to worst.
    public enum State: String, Sendable, Hashable {
        /// On main, not reverted, in a release tag.
        case shipped
        /// On main, not reverted, in no release tag yet.
        case merged
        /// On main, then reverted by a commit on main.
        case reverted
        /// Not (or no longer) reachable from main.
        case unmerged
        /// A commit id that is not in this repository (linked by hand, or dropped).
        case missing
        /// A URL: outside this repository.
        case external
    }

    public var source: Source
    /// Full commit id, or nil for a URL.
    public var commit: String?
    public var url: String?
    public var state: State
    public var release: String?
    public var revertedBy: String?
    public var subject: String?
    /// For an SOP update that names documents: those this commit changes (empty: none of them).
    public var documentsTouched: [String]?

    public var short: String? { commit.map { String($0.prefix(7)) } }

    /// Whether this link proves the fix reached main (and, with `release`, shipped).
    public var provesMerged: Bool {
        source == .fixes && (state == .merged || state == .shipped) && documentsTouched.map { !$0.isEmpty } != false
    }

    /// A phrase for people: "fixed in a1b2c3d, shipped in v2.4.0".
    public var phrase: String {
        let c = short ?? ""
        if source == .hand && commit == nil { return "linked: \(url ?? "")" }
        var text: String
        let fix = source == .fixes
        switch state {
        case .shipped: text = fix ? "fixed in \(c), shipped in \(release ?? "")" : "work in \(c), shipped in \(release ?? "")"
        case .merged: text = fix ? "fix merged in \(c), not yet released" : "work merged in \(c), not yet released"
        case .reverted: text = fix ? "fix \(c) reverted in \(String((revertedBy ?? "").prefix(7)))" : "work \(c) reverted in \(String((revertedBy ?? "").prefix(7)))"
        case .unmerged: text = fix ? "fix in \(c), not merged" : "work in \(c), not merged"
        case .missing: text = "\(c) is not in this repository"
        case .external: text = "linked: \(url ?? "")"
        }
        if source == .hand, commit != nil { text += " (linked by hand)" }
        if let docs = documentsTouched, docs.isEmpty, fix { text += "; touches none of the SOP documents" }
        return text
    }
}

/// Everything known about how a follow-up was done.
public struct FollowUpProof: Sendable, Hashable {
    public var links: [CodeLink]
    /// A review with a note.
    public var hasNote: Bool
    /// Trailer targets that name this follow-up ambiguously are not links; see `CodeLinks`.

    /// The best fix: shipped, then merged, then reverted, then anything else.
    public var best: CodeLink? {
        let order: [CodeLink.State] = [.shipped, .merged, .reverted, .unmerged, .missing, .external]
        let sourceOrder: [CodeLink.Source] = [.fixes, .followUp, .hand]
        return links.min { a, b in
            let ka = (a.provesMerged ? 0 : 1, sourceOrder.firstIndex(of: a.source)!, order.firstIndex(of: a.state)!)
            let kb = (b.provesMerged ? 0 : 1, sourceOrder.firstIndex(of: b.source)!, order.firstIndex(of: b.state)!)
            return ka < kb
        }
    }

    /// The level of proof reached.
    public var reached: DoneRequirement {
        let fixes = links.filter(\.provesMerged)
        if fixes.contains(where: { $0.state == .shipped }) { return .shipped }
        if !fixes.isEmpty { return .merged }
        return hasNote ? .note : .none
    }

    /// Whether `requirement` is met (`merged` and `shipped` do not need a note).
    public func meets(_ requirement: DoneRequirement) -> Bool {
        switch requirement {
        case .none: return true
        case .note: return hasNote
        case .merged: return reached >= .merged
        case .shipped: return reached == .shipped
        }
    }

    /// One line for a listing: the best link's phrase, or "" when there is no link.
    public var summary: String { best?.phrase ?? "" }
}
