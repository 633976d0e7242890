import ArgumentParser
import Foundation
import InquestCore

struct SiteCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a static HTML site of the whole branch to a folder.",
        discussion: """
            index.html (incidents, filterable by severity and status), incidents/ID.html (each \
            report), followups.html (by owner, overdue first) and metrics.html (charts). Every page \
            is self-contained and works offline. Prints index.html's path; progress goes to stderr.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The folder to write (created if missing).", valueName: "dir")) var dir: String
    @Option(help: ArgumentHelp("Days after which a full postmortem not yet approved is listed as stale.", valueName: "days"))
    var staleAfter: Int = 30

    func run(in ctx: Context) throws {
        guard staleAfter >= 0 else { throw InquestError.invalid("--stale-after: must be 0 or more days") }
        let pm = try ctx.postmortems(global)
        let root = ctx.resolve(dir, global)
        let builder = try pm.site(staleAfterDays: staleAfter) { done, total in
            ctx.err.line("site: read \(done)/\(total) incidents")
        }
        try FileOutput.makeDirectory(root)
        let incidents = (root as NSString).appendingPathComponent("incidents")
        try FileOutput.makeDirectory(incidents)
        let total = builder.pageCount
        var written = 0
        var pages = Set<String>()
        try builder.build { page in
            try FileOutput.write(page.html, to: (root as NSString).appendingPathComponent(page.path))
            pages.insert(page.path)
            written += 1
            if written % 100 == 0 || written == total { ctx.err.line("site: wrote \(written)/\(total) pages") }
        }
        // A page of an incident no longer on the branch would stay reachable by its old link.
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: incidents)) ?? []
        for name in existing where name.hasPrefix("INC-") && name.hasSuffix(".html") && !pages.contains("incidents/\(name)") {
            try? FileManager.default.removeItem(atPath: (incidents as NSString).appendingPathComponent(name))
        }
        ctx.out.line((root as NSString).appendingPathComponent("index.html"))
    }
}
