import Foundation
import GitKit

/// The signature part of the server's pre-receive check: which of the commits a push brings
/// fall short. A bad signature always does; unsigned and untrusted commits do when the policy
/// sets `require_signed`. Problems name the commit and the field `signature`.
public func unsignedOrUntrusted(commits: [OID], verifier: CommitVerifier, requireSigned: Bool) throws -> [Problem] {
    var problems: [Problem] = []
    // The pushed commits' signatures checked together (one gpg run for OpenPGP ones).
    try verifier.prepare(commits)
    for commit in commits {
        let v = try verifier.verdict(commit)
        switch v.state {
        case .good: continue
        case .bad: break
        case .unsigned, .untrusted: if !requireSigned { continue }
        }
        let why = v.reason.map { ": \($0)" } ?? ""
        problems.append(Problem(record: "commit \(commit.short)", field: "signature", "\(v.state.rawValue)\(why)"))
    }
    return problems
}

/// `unsignedOrUntrusted` for a push that moves the data branch from `oldTip` (nil: the
/// branch is new) to `newTip`: the commits reachable from the new tip and not from the old,
/// under the `require_signed` of the policy already on the branch (the old tip's, so a push
/// cannot switch the rule off for itself; the new tip's when the branch is new).
public func pushSignatureProblems(store: Store, oldTip: OID?, newTip: OID) throws -> [Problem] {
    let verifier = try CommitVerifier(store: store)
    defer { verifier.close() }
    let policySnapshot = try store.snapshot(at: oldTip ?? newTip)
    let required = try SignaturePolicy.requireSigned(policySnapshot)
    let commits = try store.repository.walk(from: [newTip], hiding: oldTip.map { [$0] } ?? [])
    return try unsignedOrUntrusted(commits: commits, verifier: verifier, requireSigned: required)
}

/// The same, with the hook's arguments as git gives them (40 hex digits; all zeros for a
/// branch that did not exist).
public func pushSignatureProblems(store: Store, oldTip: String, newTip: String) throws -> [Problem] {
    guard let new = OID(hex: newTip) else { throw InquestError.invalid("'\(newTip)' is not a commit id") }
    let old = OID(hex: oldTip).flatMap { $0.isZero ? nil : $0 }
    return try pushSignatureProblems(store: store, oldTip: old, newTip: new)
}
