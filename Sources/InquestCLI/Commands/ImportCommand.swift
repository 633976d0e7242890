import ArgumentParser
import Foundation
import InquestCore

struct ImportCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import existing postmortems in one commit; prints the new incident IDs.",
        discussion: """
            PATH is a Markdown file or a folder of them (front matter and ## sections; see \
            --mapping), or a file of JSON values in the shape of `inquest show --json` \
            (.json, .jsonl, .ndjson). IDs and dates are kept when given. Every source is checked \
            first: if any is invalid nothing is written (exit 1) and each problem is listed, \
            unless --skip-invalid. Documented in docs/import.md.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("A Markdown file, a folder of them, or a JSON file.", valueName: "path")) var path: String
    @Option(help: ArgumentHelp("A YAML file naming which front-matter keys and headings become which fields.",
                               valueName: "file"))
    var mapping: String?
    @Flag(help: "Check and report what would be imported; write nothing.") var dryRun = false
    @Flag(help: "Import the valid sources and name the invalid ones, instead of refusing all.") var skipInvalid = false
    @Flag(help: "Output JSON (documented in docs/import.md).") var json = false
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        var options = ImportOptions()
        options.dryRun = dryRun
        options.skipInvalid = skipInvalid
        if let mapping {
            let file = ctx.resolve(mapping, global)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw InquestError.invalid("--mapping: cannot read \(file)")
            }
            options.mapping = try ImportMapping.parse(data, path: mapping)
        }
        let report = try pm.importPostmortems(from: ctx.resolve(path, global), options: options)
        if json {
            ctx.out.write(report.json().rendered())
        } else {
            for r in report.rejected {
                for line in r.problems { ctx.err.line("\(skipInvalid ? "skipped" : "error"): \(line)") }
            }
            ctx.out.write(report.imported.map { "\($0.id)\n" }.joined())
            let records = report.imported.reduce(0) { $0 + 1 + $1.events + $1.findings + $1.followUps }
            let what = "\(report.imported.count) incident\(report.imported.count == 1 ? "" : "s") (\(records) records)"
            if dryRun {
                ctx.err.line("dry run: would import \(what); \(report.rejected.count) source\(report.rejected.count == 1 ? "" : "s") invalid")
            } else if let commit = report.commit {
                ctx.err.line("imported \(what) in commit \(commit.prefix(12))"
                             + (report.rejected.isEmpty ? "" : "; skipped \(report.rejected.count) invalid"))
            } else {
                ctx.err.line("nothing imported")
            }
        }
        // A dry run exits as the real run would; so does a run that had nothing to import.
        if !report.rejected.isEmpty && (!skipInvalid || report.imported.isEmpty) { throw ExitCode(1) }
    }
}
