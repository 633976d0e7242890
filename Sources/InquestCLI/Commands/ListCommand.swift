import ArgumentParser
import InquestCore

struct ListCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List incidents, newest first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: "At most this many incidents (the newest).") var limit: Int?
    @Flag(help: "Output JSON (an array of incidents, sorted keys).") var json = false

    func run(in ctx: Context) throws {
        if let limit, limit < 0 { throw InquestError.invalid("--limit: must be 0 or more") }
        let filter = try filters.filter(ctx)
        let pm = try ctx.postmortems(global)
        if json {
            let rows = try pm.incidents(filter, limit: limit)
            ctx.out.write(JSONValue.array(rows.map { .object(RecordJSON.summary($0.incident, dir: $0.dir)) }).rendered())
            return
        }
        let rows = try pm.listing(filter, limit: limit)
        if rows.isEmpty {
            ctx.err.line("No incidents.")
            return
        }
        var table = Table(["ID", "SEV", "STATUS", "STARTED", "OWNER", "TITLE"])
        for i in rows {
            table.add([i.id.description, i.severity.rawValue, i.status.rawValue, i.since.day.description,
                       i.owner ?? "-", i.title])
        }
        ctx.out.write(table.render())
    }
}
