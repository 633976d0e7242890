import Foundation

/// The `--json` shapes of `diff`, `merge --dry-run` and `check` (docs/review.md). Keys are a
/// contract: add, never rename.
public enum ReviewJSON {
    public static func problem(_ p: Problem) -> JSONValue {
        .object([
            "path": .text(p.path),
            "line": p.line.map { .int(Int64($0)) } ?? .null,
            "record": .text(p.record),
            "field": .text(p.field),
            "message": .string(p.message),
            "text": .string(p.description),
        ])
    }

    public static func readiness(_ r: Readiness) -> JSONValue {
        .object([
            "id": .string(r.id.description),
            "title": .string(r.title),
            "status": .string(r.status.rawValue),
            "highest": .text(r.highest?.rawValue),
            "next": .text(r.next?.rawValue),
            "can_move_on": .bool(r.canMoveOn),
            "meets_own_status": .bool(r.meetsOwnStatus),
            "blockers": .array(r.blockers.map(problem)),
        ])
    }

    /// One field's change, as `diff --json` and `log --json` both give it.
    public static func field(_ f: FieldChange) -> JSONValue {
        let long = LineDiff.isLong(f.from) || LineDiff.isLong(f.to)
        return .object([
            "field": .string(f.field),
            "from": .text(f.from),
            "to": .text(f.to),
            "added": .strings(f.added),
            "removed": .strings(f.removed),
            "review_notes": .strings(f.reviewNotes),
            "lines": long ? .array(LineDiff.diff(f.from, f.to).map { l in
                .object(["op": .string(l.op.rawValue), "text": .string(l.text)])
            }) : .null,
        ])
    }

    public static func record(_ c: RecordChange) -> JSONValue {
        .object([
            "path": .string(c.path),
            "record": .string(c.record),
            "kind": .string(c.kind),
            "incident": .text(c.incident),
            "action": .string(c.action.rawValue),
            "fields": .array(c.fields.map(field)),
            "problem": .text(c.problem),
        ])
    }

    static func conflict(_ c: ConflictMark) -> JSONValue {
        .object(["record": .string(c.record), "field": .string(c.field), "ours": .text(c.ours), "theirs": .text(c.theirs)])
    }

    public static func diff(_ review: ChangeReview) -> JSONValue {
        var counts: [String: JSONValue] = [:]
        for s in SignatureCheck.State.allCases { counts[s.rawValue] = .int(Int64(review.count(s))) }
        return .object([
            "range": .string(review.range),
            "before": .text(review.before),
            "after": .text(review.after),
            "commits": .array(review.commits.map { .object(SignatureJSON.commit($0)) }),
            "signatures": .object(counts),
            "incidents": .array(review.incidents.map { i in
                .object([
                    "id": .string(i.id),
                    "title": .string(i.title),
                    "before": i.before.map(readiness) ?? .null,
                    "after": i.after.map(readiness) ?? .null,
                    "gate": .text(i.gate?.rawValue),
                    "verdicts": .strings(i.verdicts),
                    "problems_added": .array(i.problemsAdded.map(problem)),
                    "problems_fixed": .array(i.problemsFixed.map(problem)),
                    "conflicts_introduced": .array(i.conflictsIntroduced.map(conflict)),
                    "conflicts_resolved": .array(i.conflictsResolved.map(conflict)),
                    "records": .array(i.records.map(record)),
                ])
            }),
            "files": .array(review.files.map { .object(["path": .string($0.path), "action": .string($0.action.rawValue)]) }),
        ])
    }

    public static func check(_ report: CheckReport) -> JSONValue {
        .object([
            "checked": .int(Int64(report.checked)),
            "ok": .bool(report.ok),
            "target": .text(report.target?.rawValue),
            "policy_changed": .bool(report.policyChanged),
            "problems": .array(report.problems.map(problem)),
            "readiness": .array(report.readiness.map(readiness)),
        ])
    }
}
