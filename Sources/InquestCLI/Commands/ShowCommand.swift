import ArgumentParser
import InquestCore

struct ShowCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an incident with its timeline, findings and follow-ups, or one of those records.",
        discussion: """
            Given a finding, follow-up or timeline event ID (F-, FU-, EV-), shows that record \
            in full under its incident's title (a follow-up with where its fix is and what \
            `done` needs); its --json is the record's shape (as in the incident's lists) with \
            `incident_title` added (and `proof` for a follow-up).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An incident, finding, follow-up or event ID, or a unique prefix of one (at least 4 characters; a bare prefix means an incident).")
    var id: String
    @Flag(help: "Output JSON (the shape documented in the README).") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        let (bundle, record) = try pm.bundle(anyRecord: id)
        if case .followUp(let fu)? = record {
            let detail = try pm.followUpDetail(fu.id.description)
            if json {
                ctx.out.write(RecordJSON.followUpWithProof(detail, today: pm.today, incidentTitle: bundle.incident.title).rendered())
            } else {
                ctx.out.write(FollowUpText.render(detail, in: bundle, today: pm.today))
            }
            return
        }
        if let record {
            if json {
                ctx.out.write(RecordJSON.record(record, in: bundle, today: pm.today).rendered())
            } else {
                ctx.out.write(RecordText.render(record, in: bundle, today: pm.today))
            }
            return
        }
        let approvals = try pm.approvalStatuses(bundle)
        if json {
            ctx.out.write(RecordJSON.incident(bundle, approvals: approvals).rendered())
        } else {
            ctx.out.write(IncidentText.render(bundle, today: pm.today, approvals: approvals))
        }
    }
}
