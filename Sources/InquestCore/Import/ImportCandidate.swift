import Foundation

/// One incident read from an import source, with its records, before it is checked
/// against the branch and the rest of the input.
struct ImportCandidate {
    /// Where it came from, as errors name it: `file.md`, or `export.jsonl:17`.
    let source: String
    var bundle: IncidentBundle
    /// Whether the source gave the incident's ID (rather than one being made up).
    var idGiven: Bool

    /// Every record ID in the candidate, the incident's first.
    var ids: [RecordID] {
        [bundle.incident.id] + bundle.events.map(\.id) + bundle.findings.map(\.id) + bundle.followUps.map(\.id)
    }

    /// The files the candidate becomes on the branch, in canonical form.
    func files() -> [(path: String, data: Data)] {
        let dir = bundle.dir
        var out: [(path: String, data: Data)] = [(Layout.incidentPath(dir: dir), bundle.incident.serialized())]
        for e in bundle.events { out.append((Layout.eventPath(dir: dir, e), e.serialized())) }
        for f in bundle.findings { out.append((Layout.findingPath(dir: dir, f.id), f.serialized())) }
        for f in bundle.followUps { out.append((Layout.followUpPath(dir: dir, f.id), f.serialized())) }
        return out
    }

    /// What the CLI checks on every write, and the hooks on every push: each file parses
    /// back to the same record (the schema), links point inside the incident, no text holds
    /// control characters or raw merge-conflict markers.
    func problems(_ files: [(path: String, data: Data)], now: Date) -> [Problem] {
        var out: [Problem] = []
        let b = bundle
        for file in files {
            out += Validator.markerProblems(file.data, path: source)
        }
        // The schema: the canonical bytes must read back as the very same record.
        func reread<R: Record>(_ r: R, _ data: Data) {
            do {
                if try R(data: data, path: source) != r {
                    out.append(Problem(path: source, record: r.id.description, "does not read back as written"))
                }
            } catch let e as InquestError {
                out += e.lines.map { Problem($0) }
            } catch {
                out.append(Problem(path: source, record: r.id.description, "\(error)"))
            }
        }
        reread(b.incident, files[0].data)
        var n = 1
        for e in b.events { reread(e, files[n].data); n += 1 }
        for f in b.findings { reread(f, files[n].data); n += 1 }
        for f in b.followUps { reread(f, files[n].data); n += 1 }

        let id = b.incident.id.description
        func body(_ record: String, _ field: String, _ text: String) {
            if let p = TextRules.narrativeProblem(text) { out.append(Problem(path: source, record: record, field: field, p)) }
        }
        for s in b.incident.sections.items { body(id, s.key, s.text) }
        body(id, "preamble", b.incident.sections.preamble)
        for e in b.events {
            body("\(id) \(e.id)", "text", e.text)
            if e.text.trimmedBlock.isEmpty {
                out.append(Problem(path: source, record: "\(id) \(e.id)", field: "text", "a timeline event needs some text"))
            }
        }
        for f in b.findings { body("\(id) \(f.id)", "narrative", f.narrative) }
        for f in b.followUps {
            body("\(id) \(f.id)", "narrative", f.narrative)
        }
        out += Validator.linkProblems(incident: b.incident, events: b.events, findings: b.findings,
                                      followUps: b.followUps, now: now).map { p in
            var p = p
            p.path = source
            return p
        }
        return out
    }
}
