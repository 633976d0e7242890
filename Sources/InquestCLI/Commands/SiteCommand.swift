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
            is self-contained and works offline. Prints index.html's path; progress goes to stderr. \
            A second run into the same folder rewrites only the pages whose records changed (and \
            the overview pages), as recorded in the folder's .inquest-site.json; see docs/site.md.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The folder to write (created if missing).", valueName: "dir")) var dir: String
    @Option(help: ArgumentHelp("Days after which a full postmortem not yet approved is listed as stale.", valueName: "days"))
    var staleAfter: Int = 30
    @Flag(name: .customLong("incremental"), help: "Rewrite only pages whose records changed (the default).")
    var incremental = false
    @Flag(name: .customLong("full"), help: "Rewrite every page, ignoring what the folder's manifest says.")
    var full = false
    @Flag(help: "Print what was written as JSON (documented in docs/site.md) instead of index.html's path.")
    var json = false

    func run(in ctx: Context) throws {
        guard staleAfter >= 0 else { throw InquestError.invalid("--stale-after: must be 0 or more days") }
        guard !(incremental && full) else { throw InquestError.invalid("--incremental and --full: choose one") }
        let pm = try ctx.postmortems(global)
        let root = ctx.resolve(dir, global)
        let builder = try pm.site(staleAfterDays: staleAfter)
        try FileOutput.makeDirectory(root)
        let incidents = (root as NSString).appendingPathComponent("incidents")
        try FileOutput.makeDirectory(incidents)
        let manifestPath = (root as NSString).appendingPathComponent(SiteManifest.fileName)
        let previous = full ? nil : FileManager.default.contents(atPath: manifestPath).flatMap { SiteManifest.parse([UInt8]($0)) }
        var removedManifest = false
        let outcome = try builder.build(
            previous: previous, renderer: Self.rendererBuild,
            exists: { FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent($0)) },
            progress: { done, total in ctx.err.line("site: read \(done)/\(total) incidents") },
            emit: { page in
                // Until the new manifest is written, none: a run cut short leaves pages the
                // old manifest would wrongly vouch for, so the next run rebuilds everything.
                if !removedManifest {
                    try? FileManager.default.removeItem(atPath: manifestPath)
                    removedManifest = true
                }
                try FileOutput.write(page.html, to: (root as NSString).appendingPathComponent(page.path))
            })
        // A page of an incident no longer on the branch would stay reachable by its old link.
        var removed: [String] = []
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: incidents)) ?? []
        for name in existing.sorted() where name.hasPrefix("INC-") && name.hasSuffix(".html")
            && outcome.manifest.pages["incidents/\(name)"] == nil {
            try? FileManager.default.removeItem(atPath: (incidents as NSString).appendingPathComponent(name))
            removed.append("incidents/\(name)")
        }
        if removedManifest || previous != outcome.manifest {
            try FileOutput.write(outcome.manifest.serialized(), to: manifestPath)
        }
        let total = outcome.manifest.pages.count
        ctx.err.line("site: wrote \(outcome.written.count)/\(total) pages")
        let index = (root as NSString).appendingPathComponent("index.html")
        if json {
            ctx.out.write(JSONValue.object([
                "index": .string(index),
                "mode": .string(outcome.full ? "full" : "incremental"),
                "pages": .int(Int64(total)),
                "written": .strings(outcome.written.sorted()),
                "unchanged": .int(Int64(outcome.unchanged)),
                "removed": .strings(removed),
            ]).rendered())
        } else {
            ctx.out.line(index)
        }
    }

    /// Which build of Inquest renders: its executable's size and modification time, so a
    /// new build (a renderer change) rebuilds every page rather than mix old and new HTML.
    static var rendererBuild: String {
        let exe = Context.executablePath
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: exe) else { return "unknown" }
        let size = (attrs[.size] as? NSNumber)?.int64Value ?? 0
        let mtime = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)-\(Int64(mtime * 1000))"
    }
}
