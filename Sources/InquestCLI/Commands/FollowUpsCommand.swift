import ArgumentParser
import InquestCore

struct FollowUpsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "followups",
        abstract: "List follow-ups across all incidents, soonest due first.",
        discussion: """
            A summary goes to stderr: open, overdue, and done this month (all follow-ups, or \
            the owner's with --owner). Overdue ones are red when stdout is a terminal and \
            NO_COLOR is not set.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only those not done or not-doing.") var open = false
    @Flag(help: "Only those past their due date and not resolved.") var overdue = false
    @Option(help: "Only this owner.") var owner: String?
    @Option(help: ArgumentHelp("Only unresolved ones not reviewed for DAYS days or more (never reviewed: counted from when they were added).",
                               valueName: "days"))
    var stale: Int?
    @Option(help: ArgumentHelp("Only those due before this date.", valueName: "date")) var dueBefore: String?
    @Flag(help: "Group by owner (JSON stays one array, sorted by owner).") var byOwner = false
    @Flag(help: "Output JSON.") var json = false

    func run(in ctx: Context) throws {
        if let stale, stale < 0 { throw InquestError.invalid("--stale: must be 0 or more days") }
        var filter = Postmortems.FollowUpFilter()
        filter.openOnly = open
        filter.overdueOnly = overdue
        filter.owner = owner
        filter.staleDays = stale
        filter.dueBefore = try dueBefore.map { try ctx.parseDay($0, field: "--due-before") }
        let pm = try ctx.postmortems(global)
        var rows = try pm.followUps(filter, detail: json ? .full : .listing)
        if byOwner { rows = FollowUpsText.sortedByOwner(rows) }
        if json {
            ctx.out.write(JSONValue.array(rows.map { RecordJSON.followUp($0.followUp, today: pm.today) }).rendered())
        } else if rows.isEmpty {
            ctx.err.line("No follow-ups.")
        } else {
            ctx.out.write(FollowUpsText.render(rows, today: pm.today, byOwner: byOwner, color: Color(ctx)))
        }
        ctx.err.line(try pm.followUpSummary(owner: owner).line)
    }
}
