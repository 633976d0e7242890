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

            --links adds where each one's fix is, from the code branches (docs/followup-proof.md). \
            --audit lists follow-ups marked done whose proof no longer holds (the fix was \
            reverted, or is gone from main) and exits 1 when there are any: a nightly CI job. \
            --mine lists your open follow-ups (owner matching your git email) with the trailer \
            line to paste into a commit message.
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
    @Flag(help: "Add a FIX column: where each one's fix is (scans the code branches).") var links = false
    @Flag(help: "Only follow-ups marked done whose proof no longer holds; exit 1 when there are any.") var audit = false
    @Flag(help: "Only your open follow-ups (owner matches your git email), each with a trailer line to paste.") var mine = false
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
        if audit { return try runAudit(pm, ctx) }
        if mine {
            filter.openOnly = true
            let user = try pm.currentUser()
            let rows = try pm.followUps(filter, detail: .full).filter { Postmortems.owner($0.followUp.owner, isUser: user) }
            if json {
                ctx.out.write(JSONValue.array(rows.map { row in
                    guard case .object(var o) = RecordJSON.followUp(row.followUp, today: pm.today) else { return .null }
                    o["trailer"] = .string(FollowUpsText.trailer(row.followUp))
                    return .object(o)
                }).rendered())
            } else if rows.isEmpty {
                ctx.err.line("No open follow-ups owned by \(user.email).")
            } else {
                ctx.out.write(FollowUpsText.mine(rows, today: pm.today))
            }
            return
        }
        if json {
            var rows = try pm.followUps(filter, detail: .full)
            if byOwner { rows = FollowUpsText.sortedByOwner(rows) { $0.followUp.owner } }
            if links {
                ctx.out.write(JSONValue.array(try pm.details(rows).map { RecordJSON.followUpWithProof($0, today: pm.today) }).rendered())
            } else {
                ctx.out.write(JSONValue.array(rows.map { RecordJSON.followUp($0.followUp, today: pm.today) }).rendered())
            }
        } else {
            // The table needs only its columns: the index gives them without reading a file.
            var listing: [FollowUpListing]
            var fixes: [RecordID: String]?
            if links {
                let rows = try pm.followUps(filter, detail: .full)
                listing = rows.map { FollowUpListing($0.followUp) }
                fixes = Dictionary(try pm.details(rows).map { ($0.followUp.id, $0.proof.summary) }, uniquingKeysWith: { a, _ in a })
            } else {
                listing = try pm.followUpListing(filter)
            }
            if byOwner { listing = FollowUpsText.sortedByOwner(listing) { $0.owner } }
            if listing.isEmpty {
                ctx.err.line("No follow-ups.")
            } else {
                ctx.out.write(FollowUpsText.render(listing, today: pm.today, byOwner: byOwner, color: Color(ctx), fixes: fixes))
            }
        }
        ctx.err.line(try pm.followUpSummary(owner: owner).line)
    }

    /// `--audit`: done follow-ups whose proof no longer holds; exit 1 when there are any.
    private func runAudit(_ pm: Postmortems, _ ctx: Context) throws {
        let found = try pm.audit()
        if json {
            ctx.out.write(JSONValue.array(found.map { RecordJSON.followUpWithProof($0, today: pm.today) }).rendered())
        } else if !found.isEmpty {
            var table = Table(["ID", "INCIDENT", "KIND", "OWNER", "PROBLEM"])
            for d in found {
                let fu = d.followUp
                let problem = d.missing ?? d.proof.summary
                table.add([fu.id.description, fu.incident.description, fu.followUpKind?.rawValue ?? "-",
                           fu.owner ?? "-", Visible.text(problem)])
            }
            ctx.out.write(table.render())
        }
        if found.isEmpty {
            ctx.err.line("Every done follow-up still has its proof.")
        } else {
            ctx.err.line("\(found.count) follow-up\(found.count == 1 ? "" : "s") marked done without the proof \(found.count == 1 ? "it needs" : "they need"); reopen \(found.count == 1 ? "it" : "them") or fix again.")
            throw ExitCode(1)
        }
    }
}
