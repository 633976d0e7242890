import ArgumentParser
import Foundation
import InquestCore

/// Options every command takes, as git does: `-C PATH` and `--branch NAME`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if started in PATH (as git -C).", valueName: "path"))
    var directories: [String] = []

    @Option(help: ArgumentHelp("The data branch (default: git config inquest.branch, else postmortems).",
                               valueName: "name"))
    var branch: String?

    @Flag(help: "Read the branch directly, not through the local index (also INQUEST_NO_INDEX=1).")
    var noIndex = false
}

/// What a command runs with: the process's environment, folder and streams, and a clock.
public final class Context {
    public let environment: [String: String]
    public let cwd: String
    public let out: OutputSink
    public let err: OutputSink
    public let now: Date
    /// Standard input, for `FIELD=@-`; tests replace it.
    public var readStandardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }
    /// `-C` and `--branch` given before the subcommand name.
    var leadingDirectories: [String] = []
    var leadingBranch: String?
    /// `--no-index` given before the subcommand name.
    var leadingNoIndex = false

    public init(environment: [String: String], cwd: String, out: OutputSink, err: OutputSink) {
        self.environment = environment
        self.cwd = cwd
        self.out = out
        self.err = err
        now = Clock.now(environment)
    }

    /// The folder git would work in after every `-C`, each relative to the one before.
    func directory(_ global: GlobalOptions) -> String {
        var dir = cwd
        for d in leadingDirectories + global.directories where !d.isEmpty {
            dir = d.hasPrefix("/") ? d : (dir as NSString).appendingPathComponent(d)
        }
        return dir
    }

    /// The absolute path of the running `inquest`, for the merge driver git will run;
    /// `inquest` (found on PATH) when this process is something else, such as a test runner.
    var executablePath: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        let name = (exe as NSString).lastPathComponent
        return exe.hasPrefix("/") && name.contains("inquest") ? exe : "inquest"
    }

    func postmortems(_ global: GlobalOptions) throws -> Postmortems {
        let store = try Store.open(path: directory(global), branch: global.branch ?? leadingBranch,
                                   environment: environment)
        store.notice = { [err] in err.line($0) }
        store.indexEnabled = !(global.noIndex || leadingNoIndex)
        let pm = Postmortems(store: store, now: now)
        pm.warn = { [err] in err.line("warning: \($0)") }
        return pm
    }

    /// Hooks run inside git, which describes the repository through the environment.
    func hookChecks(_ global: GlobalOptions) throws -> HookChecks {
        try HookChecks.open(directory: directory(global), branch: global.branch ?? leadingBranch,
                            environment: environment)
    }

    func hookInstaller(_ global: GlobalOptions) throws -> HookInstaller {
        try HookInstaller(store: postmortems(global).store)
    }

    /// This program's absolute path, for hooks and merge drivers that git runs later.
    static var executablePath: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// For write commands: signs this run's commits as `--sign` / `--no-sign` or git's
    /// configuration say, so commands never deal with signing themselves.
    func postmortems(_ global: GlobalOptions, signing: SigningOptions) throws -> Postmortems {
        let pm = try postmortems(global)
        // Before keys, editors or anything else: a write never goes to a read-only ref.
        try pm.store.refuseReadOnly()
        try pm.configureSigning(signing.sign)
        pm.verifyWrites = !signing.noVerify
        return pm
    }

    /// For commands whose commit is worthless unsigned (`approve`, `trust`): they sign
    /// whatever git's configuration says, and refuse `--no-sign`.
    func signedPostmortems(_ global: GlobalOptions, signing: SigningOptions, command: String) throws -> Postmortems {
        if signing.sign == false {
            throw InquestError.invalid("`inquest \(command)` always signs its commit: --no-sign is not allowed here")
        }
        return try postmortems(global, signing: signing)
    }

    /// With `INQUEST_STATS=1`, one line on stderr saying what the run's verifiers read (the
    /// benchmarks read it: `inquest stats: history passes 1, …`). `verify` and `check` call it
    /// last, whether they pass or fail.
    func printStats() {
        guard environment["INQUEST_STATS"] == "1" else { return }
        let s = CommitVerifier.processStats
        err.line("inquest stats: history passes \(s.historyPasses), origin scans \(s.originScans), commits read \(s.commitsRead), trust trees read \(s.trustTreesRead)")
    }

    func parseTime(_ text: String, field: String) throws -> Timestamp {
        guard let t = Timestamp.parse(text, now: now) else {
            throw InquestError.invalid("\(field): '\(text)' is not a time (like 2026-11-28T10:03Z, '2026-11-28 10:03', a date, or now)")
        }
        if let p = TimeRules.rangeProblem(t, now: now) { throw InquestError.invalid("\(field): \(p)") }
        return t
    }

    func parseDay(_ text: String, field: String) throws -> Day {
        guard let d = Day.parse(text, now: now) else {
            throw InquestError.invalid("\(field): '\(text)' is not a date (like 2026-12-15)")
        }
        return d
    }

    func parseWord<V: Vocabulary>(_ text: String, _ type: V.Type, field: String) throws -> V {
        guard let v = V.parse(text) else { throw InquestError.invalid("\(field): '\(text)' is not one of \(V.allowed)") }
        return v
    }
}

/// A command that runs with a context (every Inquest command).
protocol ContextCommand: ParsableCommand {
    func run(in ctx: Context) throws
}
