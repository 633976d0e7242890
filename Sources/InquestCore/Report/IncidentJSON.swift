import Foundation

/// The `--json` shapes of DESIGN section 4. Keys are a contract: add, never rename.
public enum RecordJSON {
    public static func summary(_ i: Incident, dir: String? = nil) -> [String: JSONValue] {
        summary(IncidentSummary(i), dir: dir)
    }

    public static func summary(_ i: IncidentSummary, dir: String? = nil) -> [String: JSONValue] {
        var o: [String: JSONValue] = [
            "id": .string(i.id.description),
            "title": .string(i.title),
            "severity": .string(i.severity.rawValue),
            "status": .string(i.status.rawValue),
            "customer_impact": .bool(i.customerImpact),
            "data_breach": .bool(i.dataBreach),
            "owner": .text(i.owner),
            "created": .string(i.created.description),
            "started": .text(i.started?.description),
            "detected": .text(i.detected?.description),
            "contained": .text(i.contained?.description),
            "resolved": .text(i.resolved?.description),
            "tags": .strings(i.tags),
        ]
        if let dir { o["path"] = .string(dir) }
        return o
    }

    public static func incident(_ b: IncidentBundle) -> JSONValue {
        var o = summary(b.incident, dir: b.dir)
        var sections: [String: JSONValue] = [:]
        for s in b.incident.sections.items where sections[s.key] == nil { sections[s.key] = .string(s.text) }
        o["sections"] = .object(sections)
        let d = Durations(b.incident)
        o["durations"] = .object([
            "time_to_detect": d.toDetect.map { .int($0) } ?? .null,
            "time_to_contain": d.toContain.map { .int($0) } ?? .null,
            "time_to_resolve": d.toResolve.map { .int($0) } ?? .null,
        ])
        o["timeline"] = .array(b.events.map(event))
        o["findings"] = .array(b.findings.map { finding($0, followups: b.followUps(of: $0)) })
        o["followups"] = .array(b.followUps.map { followUp($0) })
        o["conflicts"] = .array(b.conflicts.map { conflict($0.record, $0.conflict) })
        o["approvals"] = .array(b.incident.approvals.map { a in
            .object(["by": .string(a.by), "email": .string(a.email), "key": .string(a.key), "at": .string(a.at.description)])
        })
        return .object(o)
    }

    public static func conflict(_ record: RecordID, _ c: FieldConflict) -> JSONValue {
        .object([
            "record": .string(record.description),
            "field": .string(c.field),
            "base": .text(c.base),
            "ours": .text(c.ours),
            "theirs": .text(c.theirs),
            "ours_commit": .text(c.oursCommit),
            "theirs_commit": .text(c.theirsCommit),
        ])
    }

    public static func event(_ e: TimelineEvent) -> JSONValue {
        .object([
            "id": .string(e.id.description),
            "at": .string(e.at.description),
            "kind": .string(e.eventKind.rawValue),
            "text": .string(e.text),
            "evidence": .strings(e.evidence),
        ])
    }

    public static func finding(_ f: Finding, followups: [String]) -> JSONValue {
        .object([
            "id": .string(f.id.description),
            "incident": .string(f.incident.description),
            "category": .text(f.category?.rawValue),
            "title": .string(f.title),
            "evidence": .strings(f.evidence),
            "followups": .strings(followups),
            "not_doing": .text(f.notDoing),
            "narrative": .string(f.narrative),
        ])
    }

    public static func followUp(_ f: FollowUp, today: Day? = nil) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(f.id.description),
            "incident": .string(f.incident.description),
            "kind": .text(f.followUpKind?.rawValue),
            "title": .string(f.title),
            "owner": .text(f.owner),
            "priority": .text(f.priority?.rawValue),
            "due": .text(f.due?.description),
            "status": .string(f.status.rawValue),
            "findings": .strings(f.findings),
            "not_doing": .text(f.notDoing),
            "tracker": .text(f.tracker),
            "created": .text(f.created?.description),
            "resolved_at": .text(f.resolvedAt?.description),
            "narrative": .string(f.narrative),
            "reviews": .array(f.reviews.map { r in
                .object(["date": .string(r.date.description), "reviewer": .string(r.reviewer), "note": .text(r.note)])
            }),
        ]
        if let today { o["overdue"] = .bool(f.isOverdue(today: today)) }
        return .object(o)
    }
}
