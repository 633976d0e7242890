import Foundation
import GitKit

/// Every change to an `incident.md` in the history of one tip, found in one pass: for each
/// commit, a tree diff against each parent (libgit2 skips unchanged subtrees), keeping the
/// files that differ from every parent. A run's verifier builds one per tip
/// (`CommitVerifier.origins`) and the sign-off gate reads every incident's origins from it,
/// instead of walking the history once per incident; the commits come from the verifier,
/// so the walk, the signatures and the origins share one read of each commit.
final class OriginIndex {
    struct Change {
        let commit: OID
        let blob: OID?
        let parentBlobs: [OID?]
    }
    let repository: Repository
    let tip: OID
    /// Per incident.md path, newest first (parents after children).
    private(set) var changes: [String: [Change]] = [:]

    init(verifier: CommitVerifier, tip: OID) throws {
        let repository = verifier.repository
        self.repository = repository
        self.tip = tip
        verifier.countOriginScan()
        for c in try verifier.history(from: tip) {
            let info = try verifier.info(c)
            let parentTrees = try info.parents.map { try verifier.info($0).tree }
            var changed: Set<String>?
            for parentTree in parentTrees.isEmpty ? [nil] : parentTrees.map(Optional.some) {
                let paths = try Self.changedIncidentFiles(repository, parentTree, info.tree)
                changed = changed.map { $0.intersection(paths) } ?? paths
                if changed!.isEmpty { break }
            }
            for path in changed ?? [] {
                let own = try Self.blob(repository, path, info.tree)
                let parents = try parentTrees.map { try Self.blob(repository, path, $0) }
                changes[path, default: []].append(Change(commit: c, blob: own, parentBlobs: parents))
            }
        }
    }

    /// The `incidents/…/incident.md` paths whose entry differs between two trees: stepping
    /// down only into subtrees that differ, so a commit that changes one incident among
    /// thousands compares entries by id and builds no path for the rest.
    static func changedIncidentFiles(_ repository: Repository, _ old: OID?, _ new: OID) throws -> Set<String> {
        var out: Set<String> = []
        func walk(_ old: OID?, _ new: OID?, _ prefix: String) throws {
            for d in try repository.differingEntries(old, new) {
                let path = prefix + "/" + d.name
                let oldTree = d.old.flatMap { $0.kind == .tree ? $0.id : nil }
                let newTree = d.new.flatMap { $0.kind == .tree ? $0.id : nil }
                if oldTree != nil || newTree != nil { try walk(oldTree, newTree, path) }
                let isFile = (d.old.map { $0.kind != .tree } ?? false) || (d.new.map { $0.kind != .tree } ?? false)
                if isFile && d.name == Layout.incidentFile { out.insert(path) }
            }
        }
        for d in try repository.differingEntries(old, new) where d.name == Layout.incidentsRoot {
            try walk(d.old.flatMap { $0.kind == .tree ? $0.id : nil }, d.new.flatMap { $0.kind == .tree ? $0.id : nil },
                     Layout.incidentsRoot)
        }
        return out
    }

    private static func blob(_ repository: Repository, _ path: String, _ tree: OID) throws -> OID? {
        guard let e = try repository.treeEntry(at: path, in: tree), e.kind == .blob else { return nil }
        return e.id
    }
}

/// Where in history an incident was created and each of its approvals was recorded.
///
/// A fact *originates* in a commit when the commit has it and none of its parents do, so a
/// merge that carries an approval over from another line is never taken for its origin.
struct IncidentOrigins {
    /// The commit that created the incident's `incident.md` (the oldest, if several did).
    var creation: OID?
    var approvals: [Approval: OID] = [:]

    init(verifier: CommitVerifier, tip: OID, incidentPath: String) throws {
        try self.init(index: try verifier.origins(tip), incidentPath: incidentPath)
    }

    init(index: OriginIndex, incidentPath: String) throws {
        var approvalCache: [OID: Set<Approval>] = [:]
        func approvals(_ blob: OID) -> Set<Approval> {
            if let a = approvalCache[blob] { return a }
            let parsed = (try? index.repository.readRecord(blob, path: incidentPath)).flatMap { try? Incident(data: $0, path: incidentPath) }
            let a = Set(parsed?.approvals ?? [])
            approvalCache[blob] = a
            return a
        }
        // Newest first, parents after children: the last origin seen is the oldest.
        for change in index.changes[incidentPath] ?? [] {
            guard let own = change.blob else { continue }
            if change.parentBlobs.allSatisfy({ $0 == nil }) { creation = change.commit }
            let inherited = change.parentBlobs.compactMap { $0 }.reduce(into: Set<Approval>()) { $0.formUnion(approvals($1)) }
            for a in approvals(own) where !inherited.contains(a) { self.approvals[a] = change.commit }
        }
    }
}

/// Whether one recorded approval counts as a sign-off, and why not when it does not.
public struct ApprovalStatus: Hashable, Sendable {
    public let approval: Approval
    public let counts: Bool
    /// Why it does not count (nil when it does).
    public let reason: String?
}

/// Who created an incident, as far as the history proves it.
struct IncidentAuthor {
    /// The trusted owner of the key that signed the creating commit, when that commit is good.
    var proven: KeyOwner?
    var provenKey: String?
    /// Why the author is unproven (nil when proven).
    var unproven: String?
    /// Emails that name the author: the creating commit's author email, and the proven owner's.
    var emails: Set<String> = []
}

/// The sign-off rules (docs/trust.md), for every approval of `bundle`:
///
/// - An approval counts only when the commit that recorded it is good, was signed by the
///   key the approval names, and that key's trusted owner is the person the approval names.
/// - When the commit that created the incident is good, its signer's owner is the author:
///   an approval by a key with the same owner does not count.
/// - When that commit is not good, the author is unproven (anyone can write any author
///   email): approvals then count only when at least two come from trusted signers with
///   different owners, none of them the claimed author, so no one person can approve an
///   incident they created under another name.
public func approvalStatuses(for bundle: IncidentBundle, snapshot: Snapshot, verifier: CommitVerifier) throws -> [ApprovalStatus] {
    guard let tip = snapshot.commit else {
        return bundle.incident.approvals.map { ApprovalStatus(approval: $0, counts: false, reason: "the branch has no commits") }
    }
    let path = Layout.incidentPath(dir: bundle.dir)
    let origins = try IncidentOrigins(verifier: verifier, tip: tip, incidentPath: path)
    let author = try incidentAuthor(origins, verifier)

    var statuses: [ApprovalStatus] = []
    var valid: [(Int, KeyOwner)] = []
    for approval in bundle.incident.approvals {
        func no(_ why: String) { statuses.append(ApprovalStatus(approval: approval, counts: false, reason: why)) }
        guard let origin = origins.approvals[approval] else { no("no commit on this branch recorded it"); continue }
        let v = try verifier.verdict(origin)
        let commit = "commit \(origin.short)"
        guard v.state == .good else { no("\(commit) is \(v.state.rawValue)" + (v.reason.map { " (\($0))" } ?? "")); continue }
        guard let key = v.fingerprint, key.uppercased() == approval.key.uppercased() else {
            no("it names key \(approval.key) but \(commit) was signed by \(v.fingerprint ?? "another key")"); continue
        }
        guard let signer = v.signer, signer.matches(email: approval.email) else {
            no("the key that signed \(commit) belongs to \(v.signer?.description ?? "someone else")"); continue
        }
        if author.emails.contains(signer.email.lowercased()) || author.provenKey == key.uppercased() {
            no("\(signer.email) is the incident's author" + (author.proven == nil ? " (as claimed by the creating commit)" : "")); continue
        }
        valid.append((statuses.count, signer))
        statuses.append(ApprovalStatus(approval: approval, counts: true, reason: nil))
    }
    if let unproven = author.unproven, Set(valid.map { $0.1.email.lowercased() }).count < 2 {
        for (i, _) in valid {
            statuses[i] = ApprovalStatus(approval: statuses[i].approval, counts: false,
                                         reason: "the incident's author is unproven (\(unproven)), so a sign-off needs two trusted signers with different owners")
        }
    }
    return statuses
}

func incidentAuthor(_ origins: IncidentOrigins, _ verifier: CommitVerifier) throws -> IncidentAuthor {
    var author = IncidentAuthor()
    guard let created = origins.creation else {
        author.unproven = "no commit on this branch created it"
        return author
    }
    author.emails.insert(try verifier.info(created).author.email.lowercased())
    let v = try verifier.verdict(created)
    if v.state == .good, let owner = v.signer {
        author.proven = owner
        author.provenKey = v.fingerprint?.uppercased()
        author.emails.insert(owner.email.lowercased())
    } else {
        author.unproven = "commit \(created.short), which created it, is \(v.state.rawValue)"
        // A key that signed it is still the author's, trusted or not.
        if v.state == .untrusted, let key = v.fingerprint { author.provenKey = key.uppercased() }
    }
    return author
}

/// The policy gate `signoff_by_other`: the problems that keep `bundle` from counting as
/// signed off (`approvalStatuses`), or none when it is. Problems name the incident's file,
/// the incident and the field `approvals`.
/// Give the run's verifier: it reads the history once (`CommitVerifier.origins`) for every
/// incident judged with it.
public func signoffProblems(for bundle: IncidentBundle, snapshot: Snapshot, verifier: CommitVerifier? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [Problem] {
    let id = bundle.incident.id.description
    let path = Layout.incidentPath(dir: bundle.dir)
    func problem(_ message: String) -> Problem { Problem(path: path, record: id, field: "approvals", message) }
    guard let tip = snapshot.commit else { return [problem("no sign-off: the branch has no commits")] }

    let owned = verifier == nil ? try CommitVerifier(repository: snapshot.repository, environment: environment) : nil
    defer { owned?.close() }
    guard let verifier = verifier ?? owned else { return [] }
    let statuses = try approvalStatuses(for: bundle, snapshot: snapshot, verifier: verifier)
    if statuses.contains(where: \.counts) { return [] }
    let rejections = statuses.map { problem("the approval by \($0.approval.email) at \($0.approval.at) does not count: \($0.reason ?? "")") }
    let origins = try IncidentOrigins(verifier: verifier, tip: tip, incidentPath: path)
    let author = try incidentAuthor(origins, verifier)
    if let unproven = author.unproven {
        let claimed = author.emails.sorted().joined(separator: ", ")
        return rejections + [problem("the incident's author is unproven: \(unproven), so anyone could have written it as \(claimed.isEmpty ? "anyone" : claimed); it needs sign-offs by two trusted signers with different owners, neither of them \(claimed.isEmpty ? "the claimed author" : claimed): run `inquest approve \(id)` with trusted keys")]
    }
    let authorText = author.emails.sorted().joined(separator: ", ")
    let need = "needs a sign-off by a trusted signer other than the incident's author (\(authorText.isEmpty ? "unknown" : authorText))"
    return rejections + [problem(need + ": run `inquest approve \(id)` with a trusted key")]
}
