import ArgumentParser
import InquestCore

/// How `diff` writes its answer.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json

    func render(_ review: ChangeReview) -> String {
        switch self {
        case .text: return ReviewText.diff(review)
        case .markdown: return ReviewMarkdown.diff(review)
        case .json: return ReviewJSON.diff(review).rendered()
        }
    }
}

struct DiffCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What a change does to the postmortems, record by record, with gate verdicts before and after.",
        discussion: """
            RANGE is A...B (what B changes since it forked from A: a pull request from B into A), \
            A..B (from A to B), or one revision (what that commit changed, as `git show`); default: \
            the data branch's last commit. For each incident touched: the records added, changed and \
            deleted, every field's old and new value in full (long text as a line diff, lists as items \
            added and removed), conflicts introduced and resolved, and whether it can move to its next \
            status before and after. The signature state of every commit in the range is summarised. \
            --format markdown writes a pull-request comment; --json the shape in docs/review.md.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A...B, A..B or REV, then incident or record IDs to limit the diff to.")
    var arguments: [String] = []
    @Flag(help: "Output JSON (same as --format json).") var json = false
    @Option(help: ArgumentHelp("text, markdown or json.", valueName: "format")) var format: DiffFormat = .text

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        // The first argument is a range unless it reads as an ID (INC-…, F-…, EV-…, FU-…).
        var args = arguments
        var range: String?
        if let first = args.first, !Self.looksLikeID(first) {
            range = first
            args.removeFirst()
        }
        let review = try pm.review(range: range, ids: args)
        ctx.out.write((json ? DiffFormat.json : format).render(review))
    }

    static func looksLikeID(_ s: String) -> Bool {
        guard !s.contains("."), let q = s.split(separator: "-", maxSplits: 1).first else { return false }
        return ["INC", "F", "FU", "EV"].contains(q.uppercased()) && s.contains("-")
    }
}
