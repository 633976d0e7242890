import ArgumentParser
import Foundation
import InquestCore

struct EditCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a record in your editor ($GIT_EDITOR, core.editor, $VISUAL, $EDITOR, vi).",
        discussion: "The result is checked like any other write; if it is invalid, your text is kept in a file whose path is printed.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The record's ID or a unique prefix.") var id: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global, signing: signing)
        let (location, original) = try pm.rawRecord(id)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inquest-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("\(location.id).md")
        try original.write(to: file)
        try Editor.open(file.path, ctx: ctx, editor: pm.store.editorCommand(environment: ctx.environment))
        let edited = try Data(contentsOf: file)
        if edited == original {
            try? FileManager.default.removeItem(at: dir)
            ctx.err.line("No changes.")
            return
        }
        do {
            if try pm.replace(location, original: original, edited: edited) {
                ctx.err.line("\(location.id) updated.")
            } else {
                ctx.err.line("No changes.")
            }
            try? FileManager.default.removeItem(at: dir)
        } catch var e as InquestError {
            e.hint = "your edit is saved in \(file.path)"
            throw e
        }
    }
}

enum Editor {
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
