import Foundation

/// Reads an incident in the shape of `inquest show --json` (with its timeline, findings
/// and follow-ups) into records, through the same record readers as every file on the
/// branch, so the same schema applies and problems name the record and field.
///
/// Keys `show --json` derives (`durations`, `path`, a follow-up's `overdue`) are ignored;
/// any other key this format does not define is refused rather than dropped.
enum JSONImport {
    static let incidentKeys: Set<String> = [
        "id", "title", "severity", "status", "customer_impact", "data_breach", "owner", "created", "started",
        "detected", "contained", "resolved", "tags", "approvals", "sections", "section_headings", "preamble",
        "extra", "timeline", "findings", "followups", "conflicts", "durations", "path",
    ]
    static let eventKeys: Set<String> = ["id", "incident", "at", "kind", "text", "evidence", "extra"]
    static let findingKeys: Set<String> = ["id", "incident", "category", "title", "evidence", "followups",
                                           "not_doing", "narrative", "extra"]
    static let followUpKeys: Set<String> = ["id", "incident", "kind", "title", "owner", "priority", "due", "status",
                                            "findings", "not_doing", "tracker", "created", "resolved_at", "narrative",
                                            "reviews", "extra", "overdue", "documents", "links"]

    /// The front-matter keys each kind of record reads (an `extra` key may be none of them).
    static let fields: [RecordKind: Set<String>] = [
        .incident: ["id", "title", "severity", "status", "customer_impact", "data_breach", "owner", "created", "started",
                     "detected", "contained", "resolved", "tags", "approvals", "conflicts"],
        .event: ["id", "incident", "at", "kind", "evidence", "conflicts"],
        .finding: ["id", "incident", "category", "title", "evidence", "followups", "not_doing", "conflicts"],
        .followUp: ["id", "incident", "findings", "kind", "title", "owner", "priority", "due", "status", "not_doing",
                    "tracker", "created", "resolved_at", "reviews", "conflicts", "documents", "links"],
    ]

    static func candidate(_ value: JSONValue, source: String, now: Date) throws -> ImportCandidate {
        guard case .object(let o) = value else {
            throw InquestError(.policy, "\(source): expected an incident (a JSON object), found \(kindName(value))")
        }
        var problems: [Problem] = []
        let declared = o["id"].flatMap(\.stringValue)
        func unknown(_ object: [String: JSONValue], _ known: Set<String>, record: String?) {
            for key in object.keys.sorted() where !known.contains(key) {
                problems.append(Problem(path: source, record: record, field: key, "is not a field of this format"))
            }
        }
        unknown(o, incidentKeys, record: declared)

        // IDs: kept when given, made when not.
        let idGiven = o["id"].map { $0 != .null } ?? false
        let incidentID = idGiven ? (declared.flatMap { RecordID(exactly: $0) }) : RecordID.generate(.incident)
        guard let incidentID, incidentID.kind == .incident else {
            problems.append(Problem(path: source, record: declared, field: "id", "'\(declared ?? "")' is not an incident ID (INC-XXXXXXXXXX)"))
            throw InquestError.problems(problems, kind: .policy)
        }
        let record = incidentID.description

        // Conflicts are listed for the whole incident; each goes back into its record.
        var conflicts: [String: [JSONValue]] = [:]
        for c in o["conflicts"]?.arrayValue ?? [] {
            let target = c.objectValue?["record"]?.stringValue ?? record
            conflicts[target, default: []].append(c)
        }
        func conflictPairs(_ id: String) -> [YAMLPair] {
            guard let list = conflicts.removeValue(forKey: id) else { return [] }
            return [YAMLPair(FieldConflict.key, .list(list.map { c in
                let fields = c.objectValue ?? [:]
                return .map(["field", "base", "ours", "theirs", "ours_commit", "theirs_commit"].compactMap { k in
                    fields[k].flatMap(\.stringValue).map { YAMLPair(k, .string($0)) }
                })
            }))]
        }

        // The incident.
        var pairs: [YAMLPair] = [YAMLPair("id", .string(record))]
        for key in ["title", "severity", "status", "customer_impact", "data_breach", "owner", "created", "started",
                    "detected", "contained", "resolved", "tags"] {
            if let v = o[key] { pairs.append(YAMLPair(key, yaml(v))) }
        }
        if o["status"] == nil { pairs.append(YAMLPair("status", .string(IncidentStatus.open.rawValue))) }
        if o["created"] == nil || o["created"] == .null {
            let created = [o["started"], o["detected"]].compactMap { $0?.stringValue }.first
                ?? Timestamp(now).description
            pairs.removeAll { $0.key == "created" }
            pairs.append(YAMLPair("created", .string(created)))
        }
        if let approvals = o["approvals"]?.arrayValue, !approvals.isEmpty {
            pairs.append(YAMLPair(Approval.key, .list(approvals.map(yaml))))
        }
        pairs += conflictPairs(record)
        pairs += extras(o["extra"], record: record, source: source, taken: fields[.incident]!, &problems)
        var sections = Sections()
        sections.preamble = o["preamble"]?.stringValue ?? ""
        let texts = o["sections"]?.objectValue ?? [:]
        var order: [(key: String, heading: String)] = (o["section_headings"]?.arrayValue ?? []).compactMap { h in
            guard let key = h.objectValue?["key"]?.stringValue else { return nil }
            return (key, h.objectValue?["heading"]?.stringValue ?? Sections.heading(for: Sections.normalize(key)))
        }
        // Without headings: the known sections in their order, then the others by name.
        for key in Sections.known.map(\.key) + texts.keys.sorted() where texts[key] != nil && !order.contains(where: { $0.key == key }) {
            order.append((key, Sections.known.first { $0.key == key }?.heading ?? key))
        }
        for (key, heading) in order {
            guard let text = texts[key] else {
                problems.append(Problem(path: source, record: record, field: "section_headings", "names '\(key)', which is not in sections"))
                continue
            }
            guard let s = text.stringValue else {
                problems.append(Problem(path: source, record: record, field: key, "expected text, found \(kindName(text))"))
                continue
            }
            sections.append(key: Sections.normalize(key), heading: heading, text: s)
        }
        var incident: Incident?
        do {
            incident = try Incident(file: RecordFile(frontMatter: pairs, body: sections.render()), path: source)
        } catch let e as InquestError {
            problems += e.lines.map { Problem($0) }
        }

        // Timeline events, findings, follow-ups.
        func child<R: Record>(_ value: JSONValue, _ kind: RecordKind, known: Set<String>, body: String,
                              fields: [String], build: ([String: JSONValue], inout [YAMLPair]) -> Void) -> R? {
            guard let c = value.objectValue else {
                problems.append(Problem(path: source, record: record, "expected each \(kind.noun) to be a JSON object"))
                return nil
            }
            let given = c["id"]?.stringValue
            let cid = given.map { RecordID(exactly: $0) } ?? RecordID.generate(kind)
            guard let cid, cid.kind == kind else {
                problems.append(Problem(path: source, record: record, field: "id", "'\(given ?? "")' is not a \(kind.noun) ID"))
                return nil
            }
            let label = "\(record) \(cid)"
            unknown(c, known, record: label)
            var p = [YAMLPair("id", .string(cid.description)), YAMLPair("incident", .string(record))]
            if let stated = c["incident"]?.stringValue, stated != record {
                problems.append(Problem(path: source, record: label, field: "incident", "says \(stated) but it is listed under \(record)"))
            }
            for key in fields { if let v = c[key] { p.append(YAMLPair(key, yaml(v))) } }
            build(c, &p)
            p += conflictPairs(cid.description)
            p += extras(c["extra"], record: label, source: source, taken: JSONImport.fields[kind]!, &problems)
            let text: String
            switch c[body] {
            case nil, .null?: text = ""
            case .string(let s)?: text = s
            case let v?:
                problems.append(Problem(path: source, record: label, field: body, "expected text, found \(kindName(v))"))
                text = ""
            }
            do {
                return try R(file: RecordFile(frontMatter: p, body: text), path: source)
            } catch let e as InquestError {
                problems += e.lines.map { Problem($0) }
                return nil
            } catch {
                problems.append(Problem(path: source, record: label, "\(error)"))
                return nil
            }
        }
        let events: [TimelineEvent] = (o["timeline"]?.arrayValue ?? []).compactMap {
            child($0, .event, known: eventKeys, body: "text", fields: ["at", "kind", "evidence"]) { _, _ in }
        }
        let followUps: [FollowUp] = (o["followups"]?.arrayValue ?? []).compactMap {
            child($0, .followUp, known: followUpKeys, body: "narrative",
                  fields: ["findings", "kind", "title", "owner", "priority", "due", "status", "not_doing", "tracker",
                           "created", "resolved_at", "reviews", "documents", "links"]) { c, p in
                // Absent, as `followup add` leaves them on old records; null is the same.
                p.removeAll { ($0.key == "created" || $0.key == "resolved_at") && $0.value.isNull }
                // Written only when there are some (see FollowUp.file()).
                p.removeAll { ($0.key == "documents" || $0.key == "links") && $0.value == .list([]) }
            }
        }
        // `show --json` lists a finding's follow-ups from both sides of the link; the file
        // keeps only those the follow-up itself does not name, as `followup add` leaves it.
        let findings: [Finding] = (o["findings"]?.arrayValue ?? []).compactMap {
            child($0, .finding, known: findingKeys, body: "narrative",
                  fields: ["category", "title", "evidence", "not_doing"]) { c, p in
                let fid = c["id"]?.stringValue ?? ""
                let linked = (c["followups"]?.arrayValue ?? []).compactMap(\.stringValue).filter { fu in
                    !followUps.contains { $0.id.description == fu && $0.findings.contains(fid) }
                }
                if !linked.isEmpty { p.append(YAMLPair("followups", .list(linked.map { .string($0) }))) }
            }
        }
        for (target, _) in conflicts {
            problems.append(Problem(path: source, record: record, field: "conflicts", "names \(target), which is not a record of this incident"))
        }
        guard problems.isEmpty, let incident else { throw InquestError.problems(problems, kind: .policy) }

        var dir = Layout.incidentDir(incident.id, created: incident.created)
        // `path` from `show --json` keeps the folder of an incident whose `created` was edited.
        if let path = o["path"]?.stringValue, Layout.isIncidentDir(path, id: incident.id) { dir = path }
        let bundle = IncidentBundle(incident: incident, dir: dir,
                                    events: events.sorted { ($0.at, $0.id) < ($1.at, $1.id) },
                                    findings: findings.sorted { $0.id < $1.id },
                                    followUps: followUps.sorted { $0.id < $1.id })
        return ImportCandidate(source: source, bundle: bundle, idGiven: idGiven)
    }

    /// The `extra` list of `show --json`: each value is one line of YAML. A key the record
    /// already has (`taken`) is refused: the record would keep only one of the two.
    static func extras(_ value: JSONValue?, record: String, source: String, taken: Set<String>,
                       _ problems: inout [Problem]) -> [YAMLPair] {
        guard let value, value != .null else { return [] }
        guard let items = value.arrayValue else {
            problems.append(Problem(path: source, record: record, field: "extra", "expected a list of {key, yaml}"))
            return []
        }
        var out: [YAMLPair] = []
        for item in items {
            guard let key = item.objectValue?["key"]?.stringValue, let text = item.objectValue?["yaml"]?.stringValue else {
                problems.append(Problem(path: source, record: record, field: "extra", "expected each item to be {key, yaml}"))
                continue
            }
            if taken.contains(key) || out.contains(where: { $0.key == key }) {
                problems.append(Problem(path: source, record: record, field: "extra", "'\(key)' is a field of this record, not an extra key"))
                continue
            }
            if text.isEmpty { out.append(YAMLPair(key, .null)); continue }
            do {
                let parsed = try FrontMatterParser.parse("v: \(text)\n", path: source, firstLine: 1)
                guard parsed.count == 1, !text.contains("\n") else { throw InquestError.invalid("more than one value") }
                out.append(YAMLPair(key, parsed[0].value))
            } catch {
                problems.append(Problem(path: source, record: record, field: key, "extra: not one line of YAML: \(text)"))
            }
        }
        return out
    }

    /// A JSON value as the front-matter value the record readers expect.
    static func yaml(_ v: JSONValue) -> YAMLValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let n): return .scalar(String(n), plain: true)
        case .string(let s): return .string(s)
        case .array(let items): return .list(items.map(yaml))
        case .object(let o):
            // Approvals and reviews in the order their writers use, other keys after.
            let first = ["by", "email", "key", "date", "reviewer", "at", "note"].filter { o[$0] != nil }
            let rest = o.keys.sorted().filter { !first.contains($0) }
            return .map((first + rest).compactMap { k in o[k] == .null && k == "note" ? nil : YAMLPair(k, yaml(o[k]!)) })
        }
    }

    static func kindName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "true or false"
        case .int: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

extension JSONValue {
    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
}
