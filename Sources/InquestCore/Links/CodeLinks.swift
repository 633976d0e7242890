import Foundation
import GitKit

/// Follow-ups joined to the code: the trailers of the scanned history resolved against the
/// follow-ups on the branch, the hand links, and where each linked commit is.
public final class CodeLinks {
    public let history: CodeHistory
    private var byFollowUp: [RecordID: [(commit: String, kind: CodeTrailers.Kind)]] = [:]
    /// Trailers that name no follow-up on the branch, or several: `(commit, target, why)`.
    public private(set) var unresolved: [(commit: String, target: String, reason: String)] = []
    private var proofCache: [RecordID: FollowUpProof] = [:]

    /// Scans the code refs of `snapshot`'s repository (incrementally) and resolves every
    /// trailer against the follow-ups of the snapshot.
    public init(snapshot: Snapshot, dataBranch: String, useCache: Bool = true, overrides: [String: OID?] = [:]) throws {
        history = try CodeHistory(repository: snapshot.repository, dataBranch: dataBranch, useCache: useCache,
                                  overrides: overrides)
        let ids = try snapshot.followUpIDs()
        var byRandomPrefix: [String: [RecordID]] = [:]
        for id in ids { byRandomPrefix[String(id.random.prefix(RecordID.minimumPrefix)), default: []].append(id) }
        for (commit, t) in history.commits.sorted(by: { $0.key < $1.key }) {
            for trailer in t.trailers {
                guard let q = IDQuery(trailer.target), q.kind == nil || q.kind == .followUp,
                      q.random.count >= RecordID.minimumPrefix else {
                    unresolved.append((commit, trailer.target, "is not a follow-up ID"))
                    continue
                }
                let matches = (byRandomPrefix[String(q.random.prefix(RecordID.minimumPrefix))] ?? []).filter(q.matches)
                if matches.count == 1 {
                    if !byFollowUp[matches[0], default: []].contains(where: { $0.commit == commit && $0.kind == trailer.kind }) {
                        byFollowUp[matches[0], default: []].append((commit, trailer.kind))
                    }
                } else {
                    unresolved.append((commit, trailer.target, matches.isEmpty ? "names no follow-up on this branch"
                                       : "is ambiguous: \(matches.map(\.description).sorted().joined(separator: ", "))"))
                }
            }
        }
    }

    /// The name of the main line, for messages (`main`, `origin/HEAD`), or nil when there is none.
    public var mainName: String? {
        history.refs.main.map { main in
            // A symbolic main (origin/HEAD) is named by what it points to (origin/main).
            let name = history.repository.symbolicTarget(main) ?? main
            for p in ["refs/heads/", "refs/remotes/", "refs/"] where name.hasPrefix(p) { return String(name.dropFirst(p.count)) }
            return name
        }
    }

    /// How the follow-up was done, as git sees it now.
    public func proof(of fu: FollowUp) throws -> FollowUpProof {
        if let p = proofCache[fu.id] { return p }
        var links: [CodeLink] = []
        let docs = fu.followUpKind == .sopUpdate && !fu.documents.isEmpty ? Set(fu.documents) : nil
        func link(_ source: CodeLink.Source, commit hex: String) throws -> CodeLink {
            var l = CodeLink(source: source, commit: hex, url: nil, state: .missing)
            guard let id = OID(hex: hex), history.repository.contains(id) else { return l }
            l.subject = history.subject(hex)
            if try history.isOnMain(hex) {
                if let r = history.revert(of: hex) {
                    l.state = .reverted
                    l.revertedBy = r
                } else if let tag = try history.release(of: hex) {
                    l.state = .shipped
                    l.release = tag
                } else {
                    l.state = .merged
                }
            } else {
                l.state = .unmerged
            }
            if let docs { l.documentsTouched = try history.changedPaths(hex).filter(docs.contains).sorted() }
            return l
        }
        for (commit, kind) in byFollowUp[fu.id] ?? [] {
            links.append(try link(kind == .fixes ? .fixes : .followUp, commit: commit))
        }
        for item in fu.links {
            if item.utf8.count == 40, item.allSatisfy(\.isHexDigit) {
                if !links.contains(where: { $0.commit == item.lowercased() }) {
                    links.append(try link(.hand, commit: item.lowercased()))
                }
            } else {
                links.append(CodeLink(source: .hand, commit: nil, url: item, state: .external))
            }
        }
        let proof = FollowUpProof(links: links, hasNote: fu.reviews.contains { !($0.note ?? "").isEmpty })
        proofCache[fu.id] = proof
        return proof
    }

    /// What is missing for `fu` to be done under `requirement`, in words, or nil when nothing is.
    public func missing(_ fu: FollowUp, requirement: DoneRequirement) throws -> String? {
        let proof = try proof(of: fu)
        if proof.meets(requirement) { return nil }
        let kind = fu.followUpKind?.rawValue ?? "follow-up"
        let rule = "done_requires \(kind): \(requirement.rawValue)"
        switch requirement {
        case .none: return nil
        case .note:
            return "needs a review note saying what was done (\(rule)); add one with `inquest followup review \(fu.id) --note TEXT`"
        case .merged, .shipped:
            guard let main = mainName else {
                return "needs a fix merged to main (\(rule)), but this repository has no main branch (set `inquest.mainRef`)"
            }
            let fixes = proof.links.filter { $0.source == .fixes }
            var why: String
            if let reverted = fixes.first(where: { $0.state == .reverted }), !fixes.contains(where: \.provesMerged) {
                why = "its fix \(reverted.short!) was reverted in \(String(reverted.revertedBy!.prefix(7)))"
            } else if let noDocs = fixes.first(where: { ($0.state == .merged || $0.state == .shipped) && $0.documentsTouched?.isEmpty == true }),
                      !fixes.contains(where: \.provesMerged) {
                why = "its fix \(noDocs.short!) changes none of its documents (\(fu.documents.joined(separator: ", ")))"
            } else if requirement == .shipped, let merged = fixes.first(where: { $0.provesMerged }) {
                return "needs its fix released (\(rule)): \(merged.short!) is on \(main) but no tag matching '\(history.refs.releaseTags)' contains it yet"
            } else if let unmerged = fixes.first(where: { $0.state == .unmerged }) {
                why = "its fix \(unmerged.short!) is not reachable from \(main)"
            } else {
                why = "no commit reachable from \(main) carries `Fixes-Follow-up: \(fu.id)`"
            }
            let what = requirement == .shipped ? "a fix merged to \(main) and released" : "a fix merged to \(main)"
            return "needs \(what) (\(rule)): \(why)"
        }
    }
}

extension Snapshot {
    /// The IDs of every follow-up on the branch, from file names alone (nothing is parsed).
    public func followUpIDs() throws -> [RecordID] {
        try incidents().flatMap { try children(of: $0, in: Layout.followUpsDir) }.map(\.id).filter { $0.kind == .followUp }
    }
}
