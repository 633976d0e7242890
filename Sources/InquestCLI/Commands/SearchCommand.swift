import ArgumentParser
import InquestCore

struct SearchCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search across every record, best match first.",
        discussion: """
            Every word must occur (in titles, sections, timeline text, findings, follow-ups, \
            review notes); "quoted words" match as a phrase and word* as a prefix. Other \
            punctuation is plain text. Matches are shown in [brackets] (bold on a terminal).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The words to search for.") var query: [String]
    @OptionGroup var filters: FilterOptions
    @Option(help: "At most this many results.") var limit: Int?
    @Flag(help: "Output JSON (an array of hits, sorted keys).") var json = false

    func run(in ctx: Context) throws {
        if let limit, limit < 0 { throw InquestError.invalid("--limit: must be 0 or more") }
        let filter = try filters.filter(ctx)
        let pm = try ctx.postmortems(global)
        let hits = try pm.search(query.joined(separator: " "), filter: filter, limit: limit)
        if json {
            ctx.out.write(JSONValue.array(hits.enumerated().map { Self.json($1, rank: $0 + 1) }).rendered())
            return
        }
        if hits.isEmpty {
            ctx.err.line("No matches.")
            return
        }
        let color = Color(ctx)
        var out = ""
        for h in hits {
            let title = h.title.isEmpty ? h.incidentTitle : h.title
            let head = h.id.kind == .incident ? "\(h.id)" : "\(h.id)  \(h.incident)"
            out += color.bold(head) + "  " + SearchLine.oneLine(title) + "\n"
            out += "    " + Self.snippet(h.snippet, color: color) + "\n"
        }
        ctx.out.write(out)
    }

    /// The passage on one line, each match marked.
    static func snippet(_ text: String, color: Color) -> String {
        var out = ""
        for part in SearchLine.oneLine(text) {
            switch part {
            // Inquest's own style markers: the output layer turns them into escapes, on a
            // terminal only.
            case SearchHit.markStart: out += color.enabled ? String(TerminalText.Style.bold.rawValue) : "["
            case SearchHit.markEnd: out += color.enabled ? String(TerminalText.Style.reset.rawValue) : "]"
            default: out.append(part)
            }
        }
        return out
    }

    static func json(_ h: SearchHit, rank: Int) -> JSONValue {
        .object([
            "id": .string(h.id.description),
            "kind": .string(kindName(h.id.kind)),
            "incident": .string(h.incident.description),
            "incident_title": .string(h.incidentTitle),
            "title": .string(h.title),
            "path": .string(h.path),
            "snippet": .string(String(h.snippet.map { $0 == SearchHit.markStart ? "[" : $0 == SearchHit.markEnd ? "]" : $0 })),
            "rank": .int(Int64(rank)),
        ])
    }

    static func kindName(_ k: RecordKind) -> String {
        switch k {
        case .incident: return "incident"
        case .event: return "event"
        case .finding: return "finding"
        case .followUp: return "followup"
        }
    }
}

/// Text from records on one line of search results: line breaks and tabs become spaces.
/// Control characters are left to the output layer, which makes them visible on a
/// terminal as it does for every command (`TerminalText`).
enum SearchLine {
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) else { return text }
        return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
    }
}
