import ArgumentParser
import InquestCore

struct ShowCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an incident with its timeline, findings and follow-ups, or one follow-up with where its fix is.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident or follow-up (FU-…) ID, or a unique prefix of one (at least 4 characters).") var id: String
    @Flag(help: "Output JSON (the shape documented in the README).") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        if IDQuery(id)?.kind == .followUp {
            let detail = try pm.followUpDetail(id)
            if json {
                ctx.out.write(RecordJSON.followUpWithProof(detail, today: pm.today).rendered())
            } else {
                ctx.out.write(FollowUpText.render(detail, today: pm.today))
            }
            return
        }
        let bundle = try pm.bundle(id)
        let approvals = try pm.approvalStatuses(bundle)
        if json {
            ctx.out.write(RecordJSON.incident(bundle, approvals: approvals).rendered())
        } else {
            ctx.out.write(IncidentText.render(bundle, today: pm.today, approvals: approvals))
        }
    }
}
