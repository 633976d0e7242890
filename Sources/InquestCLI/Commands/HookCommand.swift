import ArgumentParser
import Foundation
import InquestCore

/// `inquest hook NAME ARGS...`: what the scripts in Hooks/ call.
struct HookCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run one git hook's checks (called by the installed hook scripts).",
        discussion: "NAME is pre-receive, pre-push, pre-commit or commit-msg; git's arguments and input follow.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The hook.") var name: String
    @Argument(parsing: .captureForPassthrough, help: "The arguments git gave the hook.") var args: [String] = []

    func run(in ctx: Context) throws {
        // What a hook says reaches a person's terminal through git (`remote: …` for a push).
        ctx.err.showsControlCharactersVisibly = true
        let checks = try ctx.hookChecks(global)
        let verdict: HookChecks.Verdict
        switch name {
        case "pre-receive":
            verdict = try checks.preReceive(input: readInput())
        case "pre-push":
            verdict = try checks.prePush(input: readInput(), remote: args.first)
        case "pre-commit":
            verdict = try checks.preCommit()
        case "commit-msg":
            guard let file = args.first else { throw InquestError.invalid("commit-msg needs the message file") }
            let path = file.hasPrefix("/") ? file : ctx.directory(global) + "/" + file
            guard let message = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InquestError.invalid("cannot read the commit message file \(file)")
            }
            verdict = try checks.commitMessage(message)
        default:
            throw InquestError.invalid("'\(name)' is not a hook Inquest knows (pre-receive, pre-push, pre-commit, commit-msg)")
        }
        for m in verdict.messages { ctx.err.line(m) }
        if verdict.refused { throw ExitCode(1) }
    }

    private func readInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}
