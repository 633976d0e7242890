import ArgumentParser
import Foundation
import InquestCore

struct ReportCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The postmortem of an incident as a document for readers outside the team.",
        discussion: """
            Markdown (the default) or one self-contained HTML file (inline styles and timeline \
            picture, nothing loaded from the network). With -o FILE ending in .html, HTML is the default.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Incident ID or a unique prefix of it.") var id: String
    @Option(help: ArgumentHelp("markdown or html.", valueName: "format")) var format: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to FILE instead of stdout.", valueName: "file"))
    var output: String?

    enum Format: String { case markdown, html }

    func run(in ctx: Context) throws {
        let chosen: Format
        if let format {
            guard let f = Format(rawValue: format.lowercased()) else {
                throw InquestError.invalid("--format: '\(format)' is not one of markdown, html")
            }
            chosen = f
        } else {
            chosen = output.map { $0.lowercased().hasSuffix(".html") || $0.lowercased().hasSuffix(".htm") } == true ? .html : .markdown
        }
        let pm = try ctx.postmortems(global)
        let report = try pm.report(id)
        let text = chosen == .html
            ? PostmortemHTML.render(report, generated: pm.today)
            : PostmortemMarkdown.render(report, generated: pm.today) + "\n"
        guard let output else {
            ctx.out.write(text)
            return
        }
        let path = ctx.resolve(output, global)
        try FileOutput.write(text, to: path)
        ctx.err.line("Wrote the \(chosen.rawValue) report of \(report.incident.id) to \(output).")
    }
}
