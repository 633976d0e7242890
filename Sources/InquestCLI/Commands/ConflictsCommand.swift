import ArgumentParser
import InquestCore

struct ConflictsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List unresolved conflicts: record, incident, field, base, ours, theirs.",
        discussion: "Exits 0 whether or not there are conflicts; `--json` gives an array (empty when none).")

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
        for e in entries {
            table.add([e.record.description, e.incident.description, e.conflict.field,
                       cell(e.conflict.base), cell(e.conflict.ours), cell(e.conflict.theirs)])
        }
        ctx.out.write(table.render())
    }
}
