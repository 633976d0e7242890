import ArgumentParser
import Foundation
import InquestCore

struct EditCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a record in your editor ($GIT_EDITOR, core.editor, $VISUAL, $EDITOR, vi).",
        discussion: """
            The result is checked like any other write; if it is invalid, your text is kept in a \
            file whose path is printed. With --section NAME, the editor gets only that text: a \
            section of an incident (summary, impact, …), or the narrative of a finding or \
            follow-up, or the text of a timeline event.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The record's ID or a unique prefix.") var id: String
    @Option(help: ArgumentHelp("Edit only this section (or narrative, or text).", valueName: "name")) var section: String?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        if let section { return try editSection(section, pm: pm, ctx: ctx) }
        let (location, original) = try pm.rawRecord(id)
        try Editor.edit(original, named: "\(location.id).md", ctx: ctx, pm: pm) { edited in
            if edited == original {
                ctx.err.line("No changes.")
            } else if try pm.replace(location, original: original, edited: edited) {
                ctx.err.line("\(location.id) updated.")
            } else {
                ctx.err.line("No changes.")
            }
        }
    }
}

extension EditCommand {
    func editSection(_ name: String, pm: Postmortems, ctx: Context) throws {
        let (location, key, original) = try pm.longText(id, field: name)
        let name = "\(location.id)-\(key.replacingOccurrences(of: ":", with: "-")).md"
        try Editor.edit(Data((original.isEmpty ? "" : original + "\n").utf8), named: name, ctx: ctx, pm: pm) { data in
            guard let edited = String(data: data, encoding: .utf8) else {
                throw InquestError.invalid("\(location.id): \(key): the edited text is not UTF-8")
            }
            let changed = try pm.replaceLongText(location, key: key, original: original, edited: edited)
            ctx.err.line(changed ? "\(location.id) \(key) updated." : "No changes.")
        }
    }
}

enum Editor {
    /// The one way a text is edited by hand (`edit`, `edit --section`, `resolve --edit`,
    /// `policy edit`): written to a file of its own, opened in the user's editor, handed
    /// to `apply`. When `apply` refuses it, the user's text is kept and its path is named;
    /// otherwise the file goes.
    static func edit(_ text: Data, named name: String, ctx: Context, pm: Postmortems,
                     apply: (Data) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inquest-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent(name)
        try text.write(to: file)
        try open(file.path, ctx: ctx, editor: pm.store.editorCommand(environment: ctx.environment))
        do {
            try apply(try Data(contentsOf: file))
        } catch var e as InquestError {
            e.hint = "your edit is saved in \(file.path)"
            throw e
        }
        try? FileManager.default.removeItem(at: dir)
    }

    /// Runs the editor as git does: through the shell, so `code --wait` and the like work.
    static func open(_ path: String, ctx: Context, editor: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "\(editor) \"$@\"", editor, path]
        p.environment = ctx.environment
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            throw InquestError.invalid("the editor '\(editor)' exited with status \(p.terminationStatus); nothing was changed",
                                       hint: "your text is in \(path)")
        }
    }
}
