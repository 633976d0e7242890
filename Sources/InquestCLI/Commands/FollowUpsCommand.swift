import ArgumentParser
import InquestCore

struct FollowUpsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "followups",
        abstract: "List follow-ups across all incidents, soonest due first.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only those not done or not-doing.") var open = false
    @Flag(help: "Only those past their due date and not resolved.") var overdue = false
    @Option(help: "Only this owner.") var owner: String?
    @Flag(help: "Output JSON.") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        var filter = Postmortems.FollowUpFilter()
        filter.openOnly = open
        filter.overdueOnly = overdue
        filter.owner = owner
        let rows = try pm.followUps(filter)
        if json {
            ctx.out.write(JSONValue.array(rows.map { RecordJSON.followUp($0.followUp, today: pm.today) }).rendered())
            return
        }
        if rows.isEmpty {
            ctx.err.line("No follow-ups.")
            return
        }
        var table = Table(["ID", "INCIDENT", "STATUS", "PRI", "DUE", "OWNER", "TITLE"])
        for (_, fu) in rows {
            let due = fu.due.map { $0.description + (fu.isOverdue(today: pm.today) ? " (overdue)" : "") } ?? "-"
            table.add([fu.id.description, fu.incident.description, fu.status.rawValue,
                       fu.priority?.rawValue ?? "-", due, fu.owner ?? "-", fu.title])
        }
        ctx.out.write(table.render())
    }
}
