import Foundation

extension Incident {
    public static let editableFields = ["title", "severity", "customer_impact", "data_breach", "owner",
                                        "started", "detected", "contained", "resolved", "tags"]

    /// Applies one assignment. Sections are set by name (`summary=…`); a new section needs
    /// the `section:` prefix (`section:detection_gaps=…`) so a typo is not a new section.
    public mutating func apply(_ a: Assignment, now: Date) throws {
        let e = FieldEditor(record: id.description, now: now)
        switch a.field {
        case "title": title = try e.line(a, required: true)!
        case "severity": severity = try e.word(a, Severity.self)
        case "customer_impact": customerImpact = try e.bool(a)
        case "data_breach": dataBreach = try e.bool(a)
        case "owner": owner = try e.line(a)
        case "started", "detected", "contained", "resolved":
            let unknown = a.value.trimmingCharacters(in: .whitespaces).lowercased() == Incident.unknownWord
            let value = unknown ? nil : try e.time(a)
            if unknown { unknownTimes.insert(a.field) } else { unknownTimes.remove(a.field) }
            switch a.field {
            case "started": started = value
            case "detected": detected = value
            case "contained": contained = value
            default: resolved = value
            }
        case "tags": tags = try e.list(a, tags)
        case "status":
            throw e.fail("status", "changes through the lifecycle", hint: "use `inquest status \(id) STATE`")
        case "id", "created":
            throw e.fail(a.field, "cannot be changed")
        case "approvals":
            throw e.fail("approvals", "are recorded only by a signed sign-off", hint: "use `inquest approve \(id)`")
        default:
            let name: String
            var heading: String?
            if a.field.hasPrefix("section:") {
                let raw = String(a.field.dropFirst("section:".count))
                name = Sections.normalize(raw)
                heading = raw.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw e.fail(a.field, "a section needs a name") }
                if let p = TextRules.singleLineProblem(raw) { throw e.fail(a.field, "the section name \(p)") }
            } else {
                name = Sections.normalize(a.field)
                guard Sections.isKnown(name) || sections[name] != nil else {
                    if extra.contains(where: { $0.key == a.field }) {
                        try e.extra(a, &extra, known: [])
                        return
                    }
                    let all = Self.editableFields + Sections.known.map(\.key) + extra.map(\.key)
                    throw e.fail(a.field, "no such field or section",
                                 hint: "fields are: \(all.joined(separator: ", ")); add a new section with section:NAME=TEXT")
                }
            }
            if sections.duplicates.contains(name) {
                throw e.fail(a.field, "the record has this section more than once (written by hand); merge them into one first",
                             hint: "use `inquest edit \(id)`; `inquest check` names the file")
            }
            sections.set(name, try e.narrative(a), heading: heading)
        }
    }
}

extension TimelineEvent {
    public static let editableFields = ["at", "kind", "text", "evidence", "order"]

    public mutating func apply(_ a: Assignment, now: Date) throws {
        let e = FieldEditor(record: id.description, now: now)
        switch a.field {
        case "at":
            guard let t = try e.time(a) else { throw e.fail("at", "cannot be empty") }
            at = t
        case "kind": eventKind = try e.word(a, EventKind.self)
        case "order":
            try e.requireSet(a)
            let v = a.value.trimmingCharacters(in: .whitespaces)
            if v.isEmpty { order = nil; break }
            guard let n = Int(v), n >= 1, n <= 1_000_000 else { throw e.fail("order", "'\(v)' is not a whole number from 1 to 1000000") }
            order = n
        case "text":
            text = try e.narrative(a)
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw e.fail("text", "cannot be empty") }
        case "evidence": evidence = try e.list(a, evidence, validate: { try Self.checkEvidence($0, e) })
        case "id", "incident": throw e.fail(a.field, "cannot be changed")
        default: try e.extra(a, &extra, known: Self.editableFields)
        }
    }

    static func checkEvidence(_ item: String, _ e: FieldEditor) throws -> String {
        if let p = Evidence.validate(item) { throw e.fail("evidence", p) }
        return item
    }
}

extension Finding {
    public static let editableFields = ["category", "title", "evidence", "followups", "not_doing", "narrative"]

    public mutating func apply(_ a: Assignment, now: Date) throws {
        let e = FieldEditor(record: id.description, now: now)
        switch a.field {
        case "category": category = try e.optionalWord(a, FindingCategory.self)
        case "title": title = try e.line(a, required: true)!
        case "evidence": evidence = try e.list(a, evidence, validate: { try TimelineEvent.checkEvidence($0, e) })
        case "followups":
            followups = try e.list(a, followups, validate: { item in
                guard let id = RecordID(exactly: item.uppercased()), id.kind == .followUp else {
                    throw e.fail("followups", "'\(item)' is not a follow-up ID")
                }
                return id.description
            })
        case "not_doing": notDoing = try e.line(a)
        case "narrative": narrative = try e.narrative(a)
        case "id", "incident": throw e.fail(a.field, "cannot be changed")
        default: try e.extra(a, &extra, known: Self.editableFields)
        }
    }
}

extension FollowUp {
    public static let editableFields = ["kind", "title", "owner", "priority", "due", "status", "not_doing",
                                        "tracker", "findings", "narrative", "resolved_at", "documents"]

    public mutating func apply(_ a: Assignment, now: Date) throws {
        let e = FieldEditor(record: id.description, now: now)
        switch a.field {
        case "kind": followUpKind = try e.optionalWord(a, FollowUpKind.self)
        case "title": title = try e.line(a, required: true)!
        case "owner": owner = try e.line(a)
        case "priority": priority = try e.optionalWord(a, Priority.self)
        case "due": due = try e.day(a)
        case "status":
            let next = try e.word(a, FollowUpStatus.self)
            // Becoming resolved records when; an explicit resolved_at in the same command wins
            // whichever comes first (it is kept when set before, and overwrites when after).
            if next.isResolved && !status.isResolved && resolvedAt == nil { resolvedAt = Timestamp(now) }
            if !next.isResolved { resolvedAt = nil }
            status = next
        case "resolved_at": resolvedAt = try e.time(a)
        case "not_doing": notDoing = try e.line(a)
        case "tracker":
            tracker = try e.line(a)
            if let t = tracker, URL(string: t)?.scheme == nil {
                throw e.fail("tracker", "'\(t)' is not a URL (like https://tracker.example/BUG-123)")
            }
        case "findings":
            findings = try e.list(a, findings, validate: { item in
                guard let id = RecordID(exactly: item.uppercased()), id.kind == .finding else {
                    throw e.fail("findings", "'\(item)' is not a finding ID")
                }
                return id.description
            })
        case "narrative": narrative = try e.narrative(a)
        case "documents":
            documents = try e.list(a, documents, validate: { item in
                guard let path = DocumentPath.normalize(item) else {
                    throw e.fail("documents", "'\(item)' is not a relative path in the repository (like docs/runbooks/secrets.md)")
                }
                return path
            })
        case "links":
            throw e.fail("links", "grow through `inquest followup link \(id) REV|URL`")
        case "reviews": throw e.fail("reviews", "grows through `inquest followup review \(id)`")
        case "id", "incident", "created": throw e.fail(a.field, "cannot be changed")
        default: try e.extra(a, &extra, known: Self.editableFields)
        }
    }

    /// Rules that involve more than one field, checked once all assignments are applied.
    public func checkConsistency() throws {
        if status == .notDoing && (notDoing ?? "").isEmpty {
            throw InquestError.invalid("\(id): not_doing: a follow-up that will not be done needs a reason",
                                       hint: "add not_doing=\"REASON\"")
        }
    }
}
