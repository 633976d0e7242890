import Foundation

/// Reads one postmortem written as Markdown with (optional) YAML front matter into an
/// incident, through an `ImportMapping`. The incident reader then checks it like any
/// record file, so problems name the source file, line and field.
///
/// Nothing is dropped: front-matter keys the mapping does not name stay as keys of the
/// incident, headings it does not name stay as sections, and text before the first `##`
/// heading stays as the preamble (a leading `# Title` becomes the title when the front
/// matter has none).
enum MarkdownImport {
    static func candidate(_ data: Data, source: String, mapping: ImportMapping, now: Date) throws -> ImportCandidate {
        let file: RecordFile
        let text = String(decoding: data.prefix(4), as: UTF8.self)
        if text.hasPrefix("---") || text.hasPrefix("\u{feff}---") {
            file = try RecordFile.parse(data, path: source)
        } else {
            guard var body = String(validating: data, as: UTF8.self) else {
                throw Problem(path: source, "not valid UTF-8").asError
            }
            if body.hasPrefix("\u{feff}") { body.removeFirst() }
            file = RecordFile(frontMatter: [], body: body.replacingOccurrences(of: "\r\n", with: "\n"))
        }
        var problems: [Problem] = []
        var pairs: [YAMLPair] = []
        var extras: [YAMLPair] = []
        var filledBy: [String: String] = [:]
        for pair in file.frontMatter {
            guard let field = mapping.field(for: pair.key) else {
                extras.append(pair)
                continue
            }
            if let other = filledBy[field] {
                problems.append(Problem(path: source, line: pair.line, field: field,
                                        "given twice, by '\(other)' and by '\(pair.key)'"))
                continue
            }
            filledBy[field] = pair.key
            pairs.append(YAMLPair(field, mapping.value(pair.value, for: field), line: pair.line))
        }
        // A kept key must not collide with a field name another key was mapped to.
        for extra in extras where filledBy[extra.key] != nil {
            problems.append(Problem(path: source, line: extra.line, field: extra.key,
                                    "given twice, by '\(filledBy[extra.key]!)' and by '\(extra.key)'"))
        }
        for d in mapping.defaults where filledBy[d.key] == nil {
            pairs.append(YAMLPair(d.key, mapping.value(d.value, for: d.key)))
            filledBy[d.key] = "defaults"
        }

        // The narrative: headings through the mapping, the rest as written.
        let parsed = Sections.parse(file.body)
        var sections = Sections()
        var preamble = parsed.preamble
        if filledBy["title"] == nil {
            let lines = preamble.split(separator: "\n", omittingEmptySubsequences: false)
            if let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
               lines[first].hasPrefix("# ") {
                pairs.append(YAMLPair("title", .string(lines[first].dropFirst(2).trimmingCharacters(in: .whitespaces))))
                filledBy["title"] = "# heading"
                preamble = lines[(first + 1)...].joined(separator: "\n").trimmedBlock
            }
        }
        sections.preamble = preamble
        var sectionFrom: [String: String] = [:]
        for s in parsed.items {
            let key = mapping.section(for: s.heading)
            if let other = sectionFrom[key] {
                problems.append(Problem(path: source, field: key, "two headings fill this section: '\(other)' and '\(s.heading)'"))
                continue
            }
            sectionFrom[key] = s.heading
            sections.append(key: key, heading: key == s.key ? s.heading : Sections.heading(for: key), text: s.text)
        }

        // IDs and dates: kept when given, made when not.
        let idGiven = filledBy["id"] != nil
        if !idGiven { pairs.insert(YAMLPair("id", .string(RecordID.generate(.incident).description)), at: 0) }
        if filledBy["severity"] == nil { pairs.append(YAMLPair("severity", .string(Severity.sev3.rawValue))) }
        if filledBy["status"] == nil { pairs.append(YAMLPair("status", .string(IncidentStatus.open.rawValue))) }
        if filledBy["created"] == nil {
            let from = pairs.first { $0.key == "started" } ?? pairs.first { $0.key == "detected" }
            pairs.append(YAMLPair("created", from?.value ?? .string(Timestamp(now).description)))
        }
        guard problems.isEmpty else { throw InquestError.problems(problems, kind: .policy) }
        let incident: Incident
        do {
            incident = try Incident(file: RecordFile(frontMatter: pairs + extras, body: sections.render()), path: source)
        } catch let e as InquestError {
            throw InquestError(.policy, e.lines, hint: e.hint)
        }
        let bundle = IncidentBundle(incident: incident, dir: Layout.incidentDir(incident.id, created: incident.created),
                                    events: [], findings: [], followUps: [])
        return ImportCandidate(source: source, bundle: bundle, idGiven: idGiven)
    }
}
