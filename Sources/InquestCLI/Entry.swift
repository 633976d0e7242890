import ArgumentParser
import Foundation
import InquestCore

/// The command line, callable in-process (tests) or from `main.swift`.
public enum Inquest {
    /// Runs one command line and returns its exit code.
    public static func run(_ arguments: [String], context ctx: Context) -> Int32 {
        let (leading, rest) = splitLeadingGlobals(arguments)
        ctx.leadingDirectories = leading.directories
        ctx.leadingBranch = leading.branch
        ctx.leadingNoIndex = leading.noIndex
        let command: ParsableCommand
        let protected = TextArguments.protect(rest)
        do {
            command = try RootCommand.parseAsRoot(protected)
        } catch {
            return report(error, ctx)
        }
        // Only a marked word can be misplaced; looking for one walks the whole command with
        // reflection (a third of a small `list`), so it is done only when a word was marked.
        if TextArguments.anyMarked(protected), let word = TextArguments.misplacedText(in: command) {
            ctx.err.line("error: '\(word)' is not a valid value here: it begins with '-' where no text is expected")
            ctx.err.line("hint: if it is meant as text, put `--` before it; options go before `--`")
            return 2
        }
        guard let runnable = command as? ContextCommand else {
            // `--help` on a subcommand and command groups (`inquest timeline`) print help.
            do {
                var c = command
                try c.run()
                return 0
            } catch {
                return report(error, ctx)
            }
        }
        do {
            try runnable.run(in: ctx)
            return 0
        } catch let e as InquestError {
            // Indented lines continue the message above them (one problem per line).
            for line in e.lines { ctx.err.line(line.hasPrefix(" ") ? line : "error: \(line)") }
            if let hint = e.hint { ctx.err.line("hint: \(hint)") }
            return e.exitCode
        } catch let e as ExitCode {
            return e.rawValue
        } catch {
            ctx.err.line("error: \(error)")
            return 3
        }
    }

    /// Prints a parse error or a help request; usage errors exit 2 as documented.
    private static func report(_ error: Error, _ ctx: Context) -> Int32 {
        let code = RootCommand.exitCode(for: error)
        let message = RootCommand.fullMessage(for: error)
        if code == .success {
            ctx.out.line(message)
            return 0
        }
        ctx.err.line(message.hasPrefix("Error:") ? "error:" + message.dropFirst(6) : message)
        if ["Unknown option", "Missing value", "Missing expected argument"].contains(where: message.contains) {
            ctx.err.line("hint: to give text that begins with '-', put `--` before it (inquest new -- -x)")
        }
        return 2
    }

    /// Runs with the real process's arguments, environment, folder and streams.
    public static func main() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `--version` answers before anything is set up: the argument parser's walk over
        // every command's options would cost more than the answer (see docs/index-and-search.md).
        if arguments == ["--version"] {
            let line = Array((InquestVersion.text + "\n").utf8)
            exit(write(1, line, line.count) == line.count ? 0 : 1)
        }
        let environment = ProcessInfo.processInfo.environment
        let ctx = Context(environment: environment,
                          cwd: FileManager.default.currentDirectoryPath,
                          out: OutputSink(handle: .standardOutput, environment: environment),
                          err: OutputSink(handle: .standardError, environment: environment))
        exit(run(arguments, context: ctx))
    }

    /// `inquest -C path --branch b new …`: git-style options before the subcommand are taken
    /// here, since the argument parser only knows options after it.
    static func splitLeadingGlobals(_ args: [String]) -> ((directories: [String], branch: String?, noIndex: Bool), [String]) {
        var dirs: [String] = []
        var branch: String?
        var noIndex = false
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "-C", i + 1 < args.count {
                dirs.append(args[i + 1]); i += 2
            } else if a.hasPrefix("-C"), a.count > 2, !a.hasPrefix("--") {
                dirs.append(String(a.dropFirst(2))); i += 1
            } else if a == "--branch", i + 1 < args.count {
                branch = args[i + 1]; i += 2
            } else if a.hasPrefix("--branch=") {
                branch = String(a.dropFirst("--branch=".count)); i += 1
            } else if a == "--no-index" {
                noIndex = true; i += 1
            } else {
                break
            }
        }
        return ((dirs, branch, noIndex), Array(args[i...]))
    }
}
