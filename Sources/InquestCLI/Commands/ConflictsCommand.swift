import ArgumentParser
import InquestCore

struct ConflictsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List unresolved conflicts: record, incident, field, base, ours, theirs.",
        discussion: """
            Short values are listed in a table. A long or multi-line value (a section, a \
            narrative) is shown in full below it: the base, then ours and theirs each as a line \
            diff against the base, so the two edits can be read side by side; `inquest resolve \
            ID FIELD --edit` merges them in your editor. Exits 0 whether or not there are \
            conflicts; `--json` gives an array (empty when none).
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Output JSON (the shape documented in the README).") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        let entries = try pm.conflicts()
        if json {
            ctx.out.write(RecordJSON.conflicts(entries).rendered())
            return
        }
        guard !entries.isEmpty else {
            ctx.err.line("No conflicts.")
            return
        }
        func cell(_ v: String?) -> String {
            guard let v else { return "(none)" }
            let line = v.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let short = line.count > 40 ? String(line.prefix(39)) + "…" : line
            return v.contains("\n") && short == line ? short + " …" : short
        }
        var table = Table(["RECORD", "INCIDENT", "FIELD", "BASE", "OURS", "THEIRS"])
        let long = entries.filter { e in [e.conflict.base, e.conflict.ours, e.conflict.theirs].contains { LineDiff.isLong($0) } }
        for e in entries {
            table.add([e.record.description, e.incident.description, e.conflict.field,
                       cell(e.conflict.base), cell(e.conflict.ours), cell(e.conflict.theirs)])
        }
        var out = table.render()
        for e in long { out += "\n" + Self.full(e) }
        ctx.out.write(out)
    }

    /// A long conflict in full: the base as it was, then each side as a line diff against it.
    static func full(_ e: ConflictEntry) -> String {
        let c = e.conflict
        var out = "\(e.record) \(c.field) (\(e.incident))\n"
        out += "  base:\n" + block(c.base)
        for (side, value, commit) in [("ours", c.ours, c.oursCommit), ("theirs", c.theirs, c.theirsCommit)] {
            out += "  \(side)" + (commit.map { " (\($0.prefix(10)))" } ?? "") + ", against the base:\n"
            for line in LineDiff.diff(c.base, value) { out += "    \(line.op.rawValue) \(line.text)\n" }
        }
        return out
    }

    private static func block(_ v: String?) -> String {
        guard let v, !v.isEmpty else { return "    (none)\n" }
        return v.split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)\n" }.joined()
    }
}
