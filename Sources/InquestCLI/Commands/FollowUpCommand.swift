import ArgumentParser
import InquestCore

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Add, change and review follow-ups.",
        subcommands: [FollowUpAdd.self, FollowUpSet.self, FollowUpReview.self, FollowUpLink.self, FollowUpDelete.self])
}

struct FollowUpAdd: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a follow-up to an incident; prints its ID.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or prefix.") var id: String
    @Argument(help: "The follow-up's title (several words are joined).") var title: [Text]
    @Option(help: "bug, change-request, process, sop-update, investment.") var kind: String
    @Option(help: "Who owns it.") var owner: Text
    @Option(help: "Due date (YYYY-MM-DD).") var due: String
    @Option(help: "p1..p3 (default p2).") var priority: String = "p2"
    @Option(help: "A finding it addresses (repeatable).") var finding: [String] = []
    @Option(help: "Link to the ticket in your tracker.") var tracker: Text?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        var spec = Postmortems.NewFollowUp(
            kind: try ctx.parseWord(kind, FollowUpKind.self, field: "kind"),
            owner: owner.value,
            due: try ctx.parseDay(due, field: "due"),
            title: title.joined)
        spec.priority = try ctx.parseWord(priority, Priority.self, field: "priority")
        spec.findings = finding
        spec.tracker = tracker?.value
        let pm = try ctx.postmortems(global, signing: signing)
        let fid = try pm.addFollowUp(id, spec)
        ctx.out.line(fid.description)
    }
}

struct FollowUpSet: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set fields of a follow-up (status, owner, due, priority, tracker, ...).",
        discussion: "status=not-doing needs not_doing=\"REASON\" too.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Follow-up ID or prefix.") var id: String
    @Argument(help: "FIELD=VALUE assignments.") var assignments: [Text]
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let parsed = try LongText.resolve(assignments.map { try Assignment.parse($0.value) }, ctx: ctx, directory: ctx.directory(global))
        let pm = try ctx.postmortems(global, signing: signing)
        let fid = id.uppercased().hasPrefix("FU-") ? id : "FU-" + id
        try pm.set(fid, parsed)
    }
}

struct FollowUpReview: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record that a follow-up was reviewed (appends to its review log).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Follow-up ID or prefix.") var id: String
    @Option(help: "What the review found.") var note: Text?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        try pm.review(id, note: note?.value)
    }
}

struct FollowUpDelete: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a follow-up (and its links from findings).",
        discussion: """
            Refused once the incident is approved or closed. If someone changed it meanwhile, \
            the next sync keeps their version as a conflict on `record`.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Follow-up ID or prefix.") var id: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let fid = id.uppercased().hasPrefix("FU-") ? id : "FU-" + id
        let deleted = try pm.deleteFollowUp(fid)
        ctx.err.line("\(deleted) deleted.")
    }
}

struct FollowUpLink: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link a commit, a merge request or any URL to a follow-up by hand.",
        discussion: """
            REV is any revision of this repository (stored as its full commit id); anything \
            else must be an http(s) URL. Hand links are shown by `show` and `followups --links` \
            but prove nothing: `done_requires` counts only `Fixes-Follow-up:` trailers in code \
            commits (docs/followup-proof.md).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Follow-up ID or prefix.") var id: String
    @Argument(help: "A commit (any revision) or an http(s) URL.") var target: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let fid = id.uppercased().hasPrefix("FU-") ? id : "FU-" + id
        let (linked, value) = try pm.link(fid, to: target)
        ctx.err.line("\(linked): linked \(value)")
    }
}
