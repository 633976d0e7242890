import ArgumentParser
import InquestCore

struct NewCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Open an incident; prints its ID.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The incident's title (several words are joined).") var title: [Text]
    @Option(help: "sev1 (worst) to sev4; default sev3.") var severity: String = "sev3"
    @Flag(name: .customLong("customer-impact"), help: "Customers were affected.") var customerImpact = false
    @Flag(name: .customLong("data-breach"), help: "Data was exposed.") var dataBreach = false
    @Option(help: "Who owns the incident.") var owner: Text?
    @Option(help: "When it started (ISO 8601, a date, or now).") var started: String?
    @Option(help: "When it was detected.") var detected: String?
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [Text] = []
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        var spec = Postmortems.NewIncident(title: title.joined)
        spec.severity = try ctx.parseWord(severity, Severity.self, field: "severity")
        spec.customerImpact = customerImpact
        spec.dataBreach = dataBreach
        spec.owner = owner?.value
        spec.started = try started.map { try ctx.parseTime($0, field: "started") }
        spec.detected = try detected.map { try ctx.parseTime($0, field: "detected") }
        spec.tags = tags.map(\.value)
        let id = try pm.create(spec)
        ctx.out.line(id.description)
    }
}

/// `--sign` / `--no-sign` on every write command; `Context.postmortems(_:signing:)` applies it.
struct SigningOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Sign the commit, as git commit -S would (default: git config inquest.sign, else commit.gpgsign).")
    var sign: Bool?
}
