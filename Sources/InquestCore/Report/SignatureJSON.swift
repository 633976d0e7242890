import Foundation

/// The `--json` shapes of `verify`, `log` and `trust list`. Keys are a contract: add, never rename.
public enum SignatureJSON {
    public static func check(_ c: SignatureCheck) -> JSONValue {
        .object([
            "state": .string(c.state.rawValue),
            "format": .text(c.format?.rawValue),
            "key": .text(c.fingerprint),
            "signer": .text(c.signer?.description),
            "signer_email": .text(c.signer?.email),
            "reason": .text(c.reason),
            "key_status": .text(c.keyStatus?.rawValue),
        ])
    }

    public static func commit(_ r: CommitReport) -> [String: JSONValue] {
        [
            "commit": .string(r.commit),
            "parents": .strings(r.parents),
            "subject": .string(r.subject),
            "author": .object(["name": .string(r.author.name), "email": .string(r.author.email)]),
            "time": .string(r.time.description),
            "signature": check(r.signature),
        ]
    }

    public static func verify(_ report: VerifyReport) -> JSONValue {
        var counts: [String: JSONValue] = [:]
        for s in SignatureCheck.State.allCases { counts[s.rawValue] = .int(Int64(report.count(s))) }
        let failing = Set(report.failures.map(\.commit))
        return .object([
            "commits": .array(report.commits.map { c in
                var o = commit(c)
                o["ok"] = .bool(!failing.contains(c.commit))
                return .object(o)
            }),
            "counts": .object(counts),
            "pre_trust": .strings(report.preTrust.map(\.commit)),
            "ignored_trust_changes": .array(report.ignoredTrustChanges.map { c in
                .object(["commit": .string(c.commit.hex), "reason": .string(c.reason),
                         "added": .strings(c.added.map(\.fingerprint)), "removed": .strings(c.removed.map(\.fingerprint))])
            }),
            "require_signed": .bool(report.requireSigned),
            "ok": .bool(report.ok),
        ])
    }

    public static func log(_ entries: [AuditEntry]) -> JSONValue {
        .array(entries.map { e in
            var o = commit(e.commit)
            o["changes"] = .array(e.changes.map(ReviewJSON.record))
            return .object(o)
        })
    }

    public static func trustRoots(_ entries: [TrustRootEntry]) -> JSONValue {
        .array(entries.map { e in
            .object([
                "format": .string(e.key.format.rawValue),
                "fingerprint": .string(e.key.fingerprint),
                "owner": .string(e.key.owner.description),
                "name": .string(e.key.owner.name),
                "email": .string(e.key.owner.email),
                "in_force": .bool(e.inForce),
                "written": .bool(e.written),
                "note": .text(e.note),
                "path": .string(e.path),
                "public_key": .text(e.key.material.sshLine),
            ])
        })
    }
}
