import ArgumentParser
import InquestCore

struct StatsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Time to detect, contain and resolve; findings by category; follow-ups; overdue postmortems.",
        discussion: """
            Medians and 90th percentiles use the nearest-rank method (see the README): the \
            p-th percentile of n sorted values is the one at rank ceil(p/100 * n).
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only incidents that started on or after this date.", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("List full postmortems not approved this many days after they started (default 30).",
                               valueName: "days"))
    var staleAfter: Int = 30
    @Flag(help: "Output JSON (the shape documented in the README).") var json = false

    func run(in ctx: Context) throws {
        let sinceDay = try since.map { try ctx.parseDay($0, field: "--since") }
        guard staleAfter >= 0 else { throw InquestError.invalid("--stale-after: must be 0 or more days") }
        let pm = try ctx.postmortems(global)
        let stats = try pm.statistics(since: sinceDay, staleAfterDays: staleAfter)
        if json {
            ctx.out.write(StatsJSON.render(stats).rendered())
        } else {
            ctx.out.write(StatsText.render(stats))
        }
    }
}
