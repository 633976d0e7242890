import Foundation
import GitKit

/// A range of commits as git writes them: `A..B`, `A...B`, or one revision `REV`.
///
/// The one parser behind `check --range`, `verify`, `log --range`, `diff` and the hooks'
/// callers, so every command reads a range the same way. A missing side (`A..`, `...B`)
/// means the data branch, as git reads it as HEAD.
public struct RevisionRange: Sendable, Equatable, CustomStringConvertible {
    public enum Form: Sendable, Equatable {
        /// One revision.
        case single
        /// `A..B`: the commits of B that A lacks; "before" is A itself (as `git diff A..B`).
        case twoDot
        /// `A...B`: the commits of B since it forked from A; "before" is their merge base
        /// (as `git diff A...B`): what a pull request from B into A changes.
        case threeDot
    }

    public let form: Form
    /// The left side (nil when left out, or for a single revision).
    public let from: String?
    /// The right side, or the single revision (nil when left out).
    public let to: String?

    public var description: String {
        switch form {
        case .single: return to ?? ""
        case .twoDot: return "\(from ?? "")..\(to ?? "")"
        case .threeDot: return "\(from ?? "")...\(to ?? "")"
        }
    }

    /// Parses `text`; `option` names the argument in errors (`--range`, `RANGE`).
    public static func parse(_ text: String, option: String = "range") throws -> RevisionRange {
        func side(_ s: Substring) throws -> String? {
            let t = String(s)
            if t.isEmpty { return nil }
            try checkRevision(t, option: option, whole: text)
            return t
        }
        if text.isEmpty { throw InquestError.invalid("\(option): empty; give A..B, A...B or a revision") }
        if let r = text.range(of: "...") {
            let rest = text[r.upperBound...]
            if rest.contains("..") { throw InquestError.invalid("\(option): '\(text)' is not a range like A..B or A...B") }
            return RevisionRange(form: .threeDot, from: try side(text[..<r.lowerBound]), to: try side(rest))
        }
        if let r = text.range(of: "..") {
            let rest = text[r.upperBound...]
            if rest.contains("..") { throw InquestError.invalid("\(option): '\(text)' is not a range like A..B or A...B") }
            return RevisionRange(form: .twoDot, from: try side(text[..<r.lowerBound]), to: try side(rest))
        }
        try checkRevision(text, option: option, whole: text)
        return RevisionRange(form: .single, from: nil, to: text)
    }

    /// A revision is handed to libgit2's parser: refuse what could read as an option, and
    /// control characters that would garble the error messages that quote it.
    private static func checkRevision(_ rev: String, option: String, whole: String) throws {
        if rev.hasPrefix("-") || rev.hasPrefix(".") || rev.hasSuffix(".") || rev.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7f } == true }) {
            throw InquestError.invalid("\(option): '\(whole.debugDescription.dropFirst().dropLast())' is not a revision")
        }
    }
}

/// A range resolved to commits in one repository.
public struct ResolvedRange: Sendable {
    /// The state the change is measured from: A, the merge base, or (single revision) its
    /// first parent. Nil for the empty state (a root commit, or unrelated histories).
    public let before: OID?
    /// The state the change leads to.
    public let after: OID
    /// The commits in the range are those reachable from `after` but not from these.
    public let hidden: [OID]
}

extension Store {
    /// Resolves one side of a range: a local branch first (the way `--branch` reads it),
    /// then anything git's revision syntax names, then a branch only a remote has.
    public func resolveRevision(_ rev: String) throws -> OID {
        // `try?`: a revision such as `A~1` is no valid ref name, and libgit2 says so by an error.
        if !rev.hasPrefix("refs/"), let local = try? repository.referenceTarget("refs/heads/\(rev)") { return local }
        if let id = try? repository.resolveCommit(rev) { return id }
        if let (ref, _) = try? upstreamCandidate(for: rev), let id = try? repository.referenceTarget(ref) { return id }
        throw InquestError.invalid("'\(rev)' is not a commit, branch or tag in this repository",
                                   hint: "`git fetch` brings other people's branches; `git branch -a` lists them")
    }

    /// Resolves a range. `single` decides what one revision means for the caller: its own
    /// change against its first parent (`diff REV`, like `git show`) or everything up to it
    /// (`log`, `verify`: the revision and its history).
    public func resolve(_ range: RevisionRange, singleMeansHistory: Bool) throws -> ResolvedRange {
        func side(_ rev: String?) throws -> OID {
            if let rev { return try resolveRevision(rev) }
            guard let tip = try snapshot().commit else { throw InquestError.invalid("the '\(branch)' branch has no commits") }
            return tip
        }
        switch range.form {
        case .single:
            let to = try side(range.to)
            if singleMeansHistory { return ResolvedRange(before: nil, after: to, hidden: []) }
            let parent = try repository.commit(to).parents.first
            return ResolvedRange(before: parent, after: to, hidden: parent.map { [$0] } ?? [])
        case .twoDot:
            let from = try side(range.from), to = try side(range.to)
            return ResolvedRange(before: from, after: to, hidden: [from])
        case .threeDot:
            let from = try side(range.from), to = try side(range.to)
            let base = try repository.mergeBase(from, to)
            return ResolvedRange(before: base, after: to, hidden: [from])
        }
    }
}
