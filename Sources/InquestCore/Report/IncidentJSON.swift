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
            "started": .text(i.timeText("started")),
            "detected": .text(i.timeText("detected")),
            "contained": .text(i.timeText("contained")),
            "resolved": .text(i.timeText("resolved")),
            "tags": .strings(i.tags),
        ]
        if let dir { o["path"] = .string(dir) }
        return o
    }

    /// `approvals`: whether each approval counts (`approvalStatuses`); their `counts` and
    /// `reason` keys are left out when not given.
    public static func incident(_ b: IncidentBundle, approvals statuses: [ApprovalStatus]? = nil) -> JSONValue {
        var o = summary(b.incident, dir: b.dir)
        var sections: [String: JSONValue] = [:]
        for s in b.incident.sections.items where sections[s.key] == nil { sections[s.key] = .string(s.text) }
        o["sections"] = .object(sections)
        // With these three, `inquest import` rebuilds the very same files from this JSON.
        o["section_headings"] = .array(b.incident.sections.items.map { s in
            .object(["key": .string(s.key), "heading": .string(s.heading)])
        })
        o["preamble"] = .string(b.incident.sections.preamble)
        o["extra"] = extra(b.incident.extra)
        let d = Durations(b.incident)
        o["durations"] = .object([
            "time_to_detect": d.toDetect.map { .int($0) } ?? .null,
            "time_to_contain": d.toContain.map { .int($0) } ?? .null,
            "time_to_resolve": d.toResolve.map { .int($0) } ?? .null,
            // Which of them were computed from a time known only to the day.
            "approximate": .strings(d.approximate.sorted()),
        ])
        o["timeline"] = .array(b.events.map(event))
        o["findings"] = .array(b.findings.map { finding($0, followups: b.followUps(of: $0)) })
        o["followups"] = .array(b.followUps.map { followUp($0) })
        o["conflicts"] = .array(b.conflicts.map { conflict($0.record, $0.conflict) })
        o["approvals"] = .array(b.incident.approvals.map { a in
            var entry: [String: JSONValue] = ["by": .string(a.by), "email": .string(a.email), "key": .string(a.key),
                                              "at": .string(a.at.description)]
            if let s = statuses?.first(where: { $0.approval == a }) {
                entry["counts"] = .bool(s.counts)
                entry["reason"] = .text(s.reason)
            }
            return .object(entry)
        })
        return .object(o)
    }

    /// `show --json` of a finding, follow-up or event: the shape it has in the incident's
    /// lists, plus `incident_title`.
    public static func record(_ r: IncidentBundle.Record, in b: IncidentBundle, today: Day) -> JSONValue {
        var value: JSONValue
        switch r {
        case .event(let e): value = event(e)
        case .finding(let f): value = finding(f, followups: b.followUps(of: f))
        case .followUp(let f): value = followUp(f, today: today)
        }
        guard case .object(var o) = value else { return value }
        o["incident"] = .string(b.incident.id.description)
        o["incident_title"] = .string(b.incident.title)
        return .object(o)
    }

    /// Front-matter keys Inquest does not know, in the order written: each value as one line
    /// of YAML (`3`, `"3"`, `[a, b]`), so its type and quoting survive a round trip.
    public static func extra(_ pairs: [YAMLPair]) -> JSONValue {
        // An empty value (`key:` with nothing after it) is "", not "null", which YAML reads the same
        // but Inquest writes back as written.
        .array(pairs.map { pair in
            let yaml = pair.value == .null ? "" : YAMLEmitter.flow(pair.value)
            return .object(["key": .string(pair.key), "yaml": .string(yaml)])
        })
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
            "extra": extra(e.extra),
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
            "extra": extra(f.extra),
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
            "extra": extra(f.extra),
            "documents": .strings(f.documents),
            "links": .strings(f.links),
            "reviews": .array(f.reviews.map { r in
                .object(["date": .string(r.date.description), "reviewer": .string(r.reviewer), "note": .text(r.note)])
            }),
        ]
        if let today { o["overdue"] = .bool(f.isOverdue(today: today)) }
        return .object(o)
    }
}
