import ArgumentParser
import Foundation
import InquestCore

struct ResolveCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "End a conflict: write the chosen value into the field and remove the conflict.",
        discussion: """
            FIELD is the conflict's field as `inquest conflicts` shows it (a section may be named \
            without its section: prefix). --ours and --theirs take the values listed under OURS and \
            THEIRS; --value gives your own. --edit opens your editor on both sides between diff3 \
            markers (ours, base, theirs) and stores what you save, refusing a text that still has \
            markers. --union keeps both: the items of both lists, or both texts of a section or \
            narrative, one after the other. For `record` (deleted on one side, edited on the other) \
            the values are deleted and edited. One commit.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The record's ID or a unique prefix.") var id: String
    @Argument(help: "The conflicting field.") var field: String
    @Flag(help: "Keep the value listed as ours.") var ours = false
    @Flag(help: "Keep the value listed as theirs.") var theirs = false
    @Option(help: "Write this value instead.") var value: Text?
    @Flag(help: "Merge the two sides yourself in your editor.") var edit = false
    @Flag(help: "Keep both sides (lists, sections, narratives).") var union = false
    @OptionGroup var signing: SigningOptions

    func validate() throws {
        let chosen = [ours, theirs, value != nil, edit, union].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose exactly one of --ours, --theirs, --value V, --edit or --union") }
    }

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let choice: ResolveChoice
        if ours { choice = .ours } else if theirs { choice = .theirs } else if let value { choice = .value(value.value) }
        else if union {
            let (rid, c) = try pm.conflict(id, field: field)
            choice = .value(try ConflictText.union(c, record: rid))
        } else {
            return try resolveInEditor(pm, ctx: ctx)
        }
        let rid = try pm.resolve(id, field: field, choice)
        ctx.err.line("\(rid): \(field) resolved.")
    }

    private func resolveInEditor(_ pm: Postmortems, ctx: Context) throws {
        let (rid, c) = try pm.conflict(id, field: field)
        if c.field == "record" || c.field == "status" || c.field == "file" {
            throw InquestError.invalid("\(rid): \(c.field): choose with --ours, --theirs or --value; there is no text to merge")
        }
        let name = "\(rid)-\(c.field.replacingOccurrences(of: ":", with: "-")).txt"
        try Editor.edit(Data(ConflictText.diff3(c).utf8), named: name, ctx: ctx, pm: pm) { data in
            guard let text = String(data: data, encoding: .utf8) else {
                throw InquestError.invalid("\(rid): \(c.field): the saved text is not UTF-8")
            }
            if let line = ConflictText.markerLine(in: text) {
                throw InquestError.invalid("\(rid): \(c.field): line \(line) still has a conflict marker; nothing was written")
            }
            var value = text
            while value.hasSuffix("\n") { value.removeLast() }
            try pm.resolve(id, field: field, .value(value))
        }
        ctx.err.line("\(rid): \(field) resolved.")
    }
}
