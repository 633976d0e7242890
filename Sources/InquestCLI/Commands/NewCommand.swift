import ArgumentParser
import InquestCore

struct NewCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Open an incident; prints its ID.",
        discussion: """
            --template NAME prefills the incident from .inquest/templates/NAME.md on the \
            branch: severity (unless --severity is given), tags, the narrative sections \
            (guidance in HTML comments, which the policy does not count as written), and \
            suggested findings, created without evidence so that review refuses them until \
            they are confirmed with evidence or deleted. `inquest init` writes two examples, \
            credential-leak and phishing.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The incident's title (several words are joined).") var title: [Text]
    @Option(help: "sev1 (worst) to sev4; default the template's, else sev3.") var severity: String?
    @Flag(name: .customLong("customer-impact"), help: "Customers were affected.") var customerImpact = false
    @Flag(name: .customLong("data-breach"), help: "Data was exposed.") var dataBreach = false
    @Option(help: "Who owns the incident.") var owner: Text?
    @Option(help: "When it started (ISO 8601; a date alone when only the day is known; now; or unknown).") var started: String?
    @Option(help: "When it was detected (as --started).") var detected: String?
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [Text] = []
    @Option(help: "Prefill from the branch's template .inquest/templates/NAME.md.") var template: String?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        var spec = Postmortems.NewIncident(title: title.joined)
        spec.severity = try severity.map { try ctx.parseWord($0, Severity.self, field: "severity") }
        spec.customerImpact = customerImpact
        spec.dataBreach = dataBreach
        spec.owner = owner?.value
        for (field, text) in [("started", started), ("detected", detected)] where text?.lowercased() == Incident.unknownWord {
            spec.unknownTimes.insert(field)
        }
        spec.started = try started.flatMap { $0.lowercased() == Incident.unknownWord ? nil : try ctx.parseTime($0, field: "started") }
        spec.detected = try detected.flatMap { $0.lowercased() == Incident.unknownWord ? nil : try ctx.parseTime($0, field: "detected") }
        spec.tags = tags.map(\.value)
        spec.template = template
        let opened = try pm.open(spec)
        ctx.out.line(opened.id.description)
        if let t = opened.template {
            if !opened.suggestedFindings.isEmpty {
                ctx.err.line("From the \(t.name) template: \(plural(opened.suggestedFindings.count, "suggested finding")) "
                             + "(\(opened.suggestedFindings.map(\.description).joined(separator: ", "))), without evidence: "
                             + "add evidence to keep one, or `inquest finding delete` it.")
            }
            if !t.timelineKinds.isEmpty {
                ctx.err.line("Typical timeline events for \(t.name): \(t.timelineKinds.map(\.rawValue).joined(separator: ", ")).")
            }
        }
    }
}

/// `--sign` / `--no-sign` and `--no-verify` on every write command;
/// `Context.postmortems(_:signing:)` applies them.
struct SigningOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Sign the commit, as git commit -S would (default: git config inquest.sign, else commit.gpgsign).")
    var sign: Bool?

    @Flag(name: .customLong("no-verify"),
          help: "Skip the policy check of the change before it is committed, as git commit --no-verify does (the server's hook still enforces it).")
    var noVerify = false
}
