import ArgumentParser
import InquestCore

struct ListCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List incidents, newest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this status (open, resolved, review, approved, closed).") var status: String?
    @Option(help: "Only this severity (sev1..sev4).") var severity: String?
    @Option(help: "Only this owner.") var owner: String?
    @Flag(help: "Output JSON (an array of incidents, sorted keys).") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        var filter = Postmortems.IncidentFilter()
        filter.status = try status.map { try ctx.parseWord($0, IncidentStatus.self, field: "status") }
        filter.severity = try severity.map { try ctx.parseWord($0, Severity.self, field: "severity") }
        filter.owner = owner
        let rows = try pm.incidents(filter)
        if json {
            ctx.out.write(JSONValue.array(rows.map { .object(RecordJSON.summary($0.incident, dir: $0.dir)) }).rendered())
            return
        }
        if rows.isEmpty {
            ctx.err.line("No incidents.")
            return
        }
        var table = Table(["ID", "SEV", "STATUS", "STARTED", "OWNER", "TITLE"])
        for (i, _) in rows {
            table.add([i.id.description, i.severity.rawValue, i.status.rawValue,
                       (i.started ?? i.created).day.description, i.owner ?? "-", i.title])
        }
        ctx.out.write(table.render())
    }
}
