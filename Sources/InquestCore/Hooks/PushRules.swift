import Foundation
import GitKit

/// The one judgement of a move of the data branch from `old` (nil: the branch is new) to
/// `new`, shared by the server's `pre-receive`, the client's `pre-push` and
/// `inquest check --range` (docs/trust.md):
///
/// 1. One line: `new` keeps `old` on its first-parent line (the line trust is computed
///    along), and brings no commit without a parent once the branch exists (one root).
/// 2. The policy in force judges: the policy in force at `old` (at `new` for a new branch),
///    where a change to `.inquest/policy.yml` counted only when made by a good commit, or
///    while no trust root was in force. So a push cannot relax the policy it is judged by.
/// 3. Signatures: a bad one always falls short; with `require_signed`, so does any commit
///    that is not good, and a change to the policy or the trust roots by a commit that is
///    not good is named as such.
/// 4. Trust roots: a push after which no trust root is in force, or none is written, while
///    some were in force before it, is refused.
public struct PushRules {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    private var repository: Repository { store.repository }

    /// The incidents checked and every problem found.
    /// `target` and `readiness`: for `check --range`, the gates of a target status instead of
    /// each incident's own, and the highest status each touched incident could move to.
    /// `codeRefUpdates`: code refs the same push moves (nil: deleted), so a fix pushed to main
    /// with the data branch that marks its follow-up done counts (`done_requires`).
    public func judge(from old: OID?, to new: OID, as target: IncidentStatus? = nil,
                      readiness: Bool = false, codeRefUpdates: [String: OID?] = [:]) throws -> CheckReport {
        let verifier = try CommitVerifier(store: store)
        defer { verifier.close() }
        var report = CheckReport()
        func refuse(_ commit: OID, _ field: String, _ message: String) {
            report.problems.append(Problem(record: "commit \(commit.short)", field: field, message))
        }

        // 1. One line, one root.
        var pushed = try repository.walk(from: [new], hiding: old.map { [$0] } ?? [])
        let fresh = Set(pushed)
        if let old {
            var cursor: OID? = new
            while let c = cursor, fresh.contains(c) { cursor = try verifier.info(c).parents.first }
            if cursor != old {
                refuse(new, "history", "does not keep \(old.short), the branch's tip, on its first-parent line: "
                       + "that would rewrite or graft the line trust is computed along; merge with `inquest sync` (which keeps the shared line first) instead")
                return report
            }
        }
        let roots = pushed.filter { (try? verifier.info($0).parents.isEmpty) == true }
        if old != nil {
            for r in roots { refuse(r, "history", "has no parent: the branch already has its root, and a second one would graft a history of its own") }
        } else if roots.count > 1 {
            refuse(new, "history", "has \(roots.count) root commits (\(roots.map(\.short).joined(separator: ", "))): the branch has one root")
        }
        if !report.problems.isEmpty { return report }

        // 2. The policy in force before the push judges what the push brings.
        let base = old ?? new
        let policy = try PolicyInForce.data(after: base, verifier: verifier, repository: repository)
        let validator: Validator
        do {
            validator = try Validator(snapshot: try store.snapshot(at: new), policy: policy, environment: store.environment,
                                      verifier: { verifier })
            validator.branch = store.branch
            validator.codeRefUpdates = codeRefUpdates
        } catch let e as InquestError {
            report.problems += e.lines.map { Problem($0) }
            return report
        }
        let oldTree = try old.map { try verifier.info($0).tree }
        let checked = try validator.checkChanges(since: oldTree, as: target, readiness: readiness, statusByTree: false)
        report.checked = checked.checked
        report.problems += checked.problems
        // The lifecycle, commit by commit: each commit may move an incident one step forward
        // (or back); a push of several commits may move it several steps.
        for c in pushed.reversed() {
            let info = try verifier.info(c)
            guard info.parents.count == 1, let parent = info.parents.first else { continue } // merges bring commits judged on their own
            for change in try repository.diffTrees(try verifier.info(parent).tree, info.tree)
            where change.status == .modified && change.path.hasSuffix("/" + Layout.incidentFile) {
                guard let a = change.oldID, let b = change.newID,
                      let before = try? Incident(data: repository.readBlob(a), path: change.path),
                      let after = try? Incident(data: repository.readBlob(b), path: change.path),
                      let p = Validator.skippedStep(before, after, commit: c.short) else { continue }
                report.problems.append(p)
            }
        }
        report.readiness = checked.readiness
        report.target = checked.target
        report.policyChanged = checked.policyChanged

        // 3. Signatures, and changes to the policy and trust roots.
        let required = validator.rules.requireSigned
        var named: Set<OID> = []
        for c in pushed {
            let what = try governanceChanges(c, verifier)
            guard !what.isEmpty else { continue }
            // A policy no reader can read would stop every command on the branch, and a
            // reader more lenient than the rest would take it for a weaker one: refused
            // whoever signed it.
            if what.contains(Layout.policyPath), let problem = try unreadablePolicy(at: c, verifier) {
                refuse(c, "policy", problem)
            }
            let v = try verifier.verdict(c)
            guard v.state != .good, required || v.state == .bad else { continue }
            named.insert(c)
            refuse(c, "signature", "changes \(what.joined(separator: " and ")) but is \(v.state.rawValue)"
                   + (v.reason.map { " (\($0))" } ?? "")
                   + ": such a change counts only from a good commit by a trusted key")
        }
        pushed.removeAll { named.contains($0) }
        report.problems += try unsignedOrUntrusted(commits: pushed, verifier: verifier, requireSigned: required)

        // 4. Never every trust root gone.
        if let old, try !verifier.rootsInForce(after: old).isEmpty {
            let inForce = try verifier.rootsInForce(after: new)
            let written = try TrustFiles.read(repository, trustTree: try TrustFiles.subtree(repository, tree: try verifier.info(new).tree))
            if inForce.isEmpty || written.isEmpty {
                refuse(new, "trust", "would leave no trust root \(inForce.isEmpty ? "in force" : "written in \(TrustRoots.directory)"): "
                       + "no one could sign a change that counts any more; add another trust root before removing the last")
            }
        }
        return report
    }

    /// Why the policy `commit` writes cannot be read (nil: it reads, or there is none).
    func unreadablePolicy(at commit: OID, _ verifier: CommitVerifier) throws -> String? {
        guard let blob = try PolicyInForce.blob(in: try verifier.info(commit).tree, repository) else { return nil }
        do {
            _ = try PolicyParser.parse(data: try repository.readBlob(blob), path: Layout.policyPath)
            return nil
        } catch let e as InquestError {
            return "writes a policy that does not read: " + e.lines.joined(separator: "; ")
        }
    }

    /// What of the policy and the trust roots `commit` changes relative to its first parent.
    func governanceChanges(_ commit: OID, _ verifier: CommitVerifier) throws -> [String] {
        var out: [String] = []
        let info = try verifier.info(commit)
        let parentTree = try info.parents.first.map { try verifier.info($0).tree }
        if try PolicyInForce.blob(in: info.tree, repository) != parentTree.map({ try PolicyInForce.blob(in: $0, repository) }) ?? nil {
            out.append(Layout.policyPath)
        }
        if try verifier.changesTrustRoots(commit) { out.append(TrustRoots.directory + "/") }
        return out
    }
}

/// The policy in force after a commit: `.inquest/policy.yml` as the newest commit on the
/// first-parent line that changed it *and counted* left it. A change counts when its commit
/// is good, or when no trust root was in force for it (a branch that does not sign yet).
public enum PolicyInForce {
    public static func data(after tip: OID, verifier: CommitVerifier, repository: Repository) throws -> Data? {
        var cursor = tip
        while true {
            let info = try verifier.info(cursor)
            let blob = try self.blob(in: info.tree, repository)
            guard let parent = info.parents.first else { return try blob.map { try repository.readBlob($0) } }
            let parentBlob = try self.blob(in: try verifier.info(parent).tree, repository)
            if blob != parentBlob {
                let counts = try verifier.rootsInForce(for: cursor).isEmpty || verifier.verdict(cursor).state == .good
                if counts { return try blob.map { try repository.readBlob($0) } }
            }
            cursor = parent
        }
    }

    static func blob(in tree: OID, _ repository: Repository) throws -> OID? {
        guard let e = try repository.treeEntry(at: Layout.policyPath, in: tree), e.kind == .blob else { return nil }
        return e.id
    }
}
