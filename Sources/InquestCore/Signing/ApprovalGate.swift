import Foundation
import GitKit

/// Where in history an incident was created and each of its approvals was recorded.
///
/// A fact *originates* in a commit when the commit has it and none of its parents do, so a
/// merge that carries an approval over from another line is never taken for its origin.
struct IncidentOrigins {
    /// The commit that created the incident's `incident.md` (the oldest, if several did).
    var creation: OID?
    var approvals: [Approval: OID] = [:]

    init(repository: Repository, tip: OID, incidentPath: String) throws {
        var approvalCache: [OID: Set<Approval>] = [:]
        func approvals(_ blob: OID) -> Set<Approval> {
            if let a = approvalCache[blob] { return a }
            let parsed = (try? repository.readRecord(blob, path: incidentPath)).flatMap { try? Incident(data: $0, path: incidentPath) }
            let a = Set(parsed?.approvals ?? [])
            approvalCache[blob] = a
            return a
        }
        func blob(_ commit: OID) throws -> OID? {
            let tree = try repository.commit(commit).tree
            guard let e = try repository.treeEntry(at: incidentPath, in: tree), e.kind == .blob else { return nil }
            return e.id
        }
        // Newest first, parents after children: the last origin seen is the oldest.
        for c in try repository.walk(from: [tip]) {
            guard let own = try blob(c) else { continue }
            let parentBlobs = try repository.commit(c).parents.map { try blob($0) }
            if parentBlobs.contains(own) { continue }
            if parentBlobs.allSatisfy({ $0 == nil }) { creation = c }
            let inherited = parentBlobs.compactMap { $0 }.reduce(into: Set<Approval>()) { $0.formUnion(approvals($1)) }
            for a in approvals(own) where !inherited.contains(a) { self.approvals[a] = c }
        }
    }
}

/// The policy gate `signoff_by_other`: the problems that keep `bundle` from counting as
/// signed off, or none when it is.
///
/// An incident is signed off when at least one of its approvals was recorded in a commit
/// whose signature is *good* (a trust root in force for that commit made it, see
/// `CommitVerifier`), whose signing key is the one the approval names, whose trusted owner
/// is the person the approval names, and whose signer is not the incident's author.
///
/// The incident's *author* is the commit that created its `incident.md` (the oldest commit
/// that has the file while none of its parents do): its author email, and, when that commit
/// is signed, its signing key and that key's trusted owner. Anyone matching any of these is
/// the author, so a second key of the same person does not make a second person.
///
/// Problems name the incident's file, the incident and the field `approvals`.
public func signoffProblems(for bundle: IncidentBundle, snapshot: Snapshot, verifier: CommitVerifier? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [Problem] {
    let id = bundle.incident.id.description
    let path = Layout.incidentPath(dir: bundle.dir)
    func problem(_ message: String) -> Problem { Problem(path: path, record: id, field: "approvals", message) }
    guard let tip = snapshot.commit else { return [problem("no sign-off: the branch has no commits")] }

    let owned = verifier == nil ? try CommitVerifier(repository: snapshot.repository, environment: environment) : nil
    defer { owned?.close() }
    guard let verifier = verifier ?? owned else { return [] }
    let origins = try IncidentOrigins(repository: snapshot.repository, tip: tip, incidentPath: path)

    var authorEmails: Set<String> = []
    var authorKeys: Set<String> = []
    if let created = origins.creation {
        authorEmails.insert(try verifier.info(created).author.email.lowercased())
        let v = try verifier.verdict(created)
        if v.state == .good || v.state == .untrusted, let key = v.fingerprint { authorKeys.insert(key.uppercased()) }
        if let owner = v.signer { authorEmails.insert(owner.email.lowercased()) }
    }
    let authorText = authorEmails.sorted().joined(separator: ", ")

    var rejections: [Problem] = []
    for approval in bundle.incident.approvals {
        let who = "the approval by \(approval.email) at \(approval.at)"
        guard let origin = origins.approvals[approval] else {
            rejections.append(problem("\(who) does not count: no commit on this branch recorded it"))
            continue
        }
        let v = try verifier.verdict(origin)
        let commit = "commit \(origin.short)"
        guard v.state == .good else {
            rejections.append(problem("\(who) does not count: \(commit) is \(v.state.rawValue)"
                                      + (v.reason.map { " (\($0))" } ?? "")))
            continue
        }
        guard let key = v.fingerprint, key.uppercased() == approval.key.uppercased() else {
            rejections.append(problem("\(who) does not count: it names key \(approval.key) but \(commit) was signed by \(v.fingerprint ?? "another key")"))
            continue
        }
        guard let signer = v.signer, signer.matches(email: approval.email) else {
            rejections.append(problem("\(who) does not count: the key that signed \(commit) belongs to \(v.signer?.description ?? "someone else")"))
            continue
        }
        if authorEmails.contains(signer.email.lowercased()) || authorKeys.contains(key.uppercased()) {
            rejections.append(problem("\(who) does not count: \(signer.email) is the incident's author"))
            continue
        }
        return []
    }
    let need = "needs a sign-off by a trusted signer other than the incident's author (\(authorText.isEmpty ? "unknown" : authorText))"
    return rejections + [problem(need + ": run `inquest approve \(id)` with a trusted key")]
}
