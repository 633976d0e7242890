import Foundation
import Testing
import TestSupport

/// Text from the branch or from git reaches a terminal with its control characters made
/// visible, whatever command prints it; JSON escapes them.
@Suite struct TerminalSafetyTests {
    static let payload = "boom \u{1B}[2J\u{1B}]0;pwned\u{07} \u{9B}31m end"

    /// An incident whose section, commit subject and a follow-up carry escapes, and a
    /// second incident whose YAML is broken around an escape (for error messages).
    struct Poisoned {
        let fx: Fixture
        let id: String
        let broken: String

        init() throws {
            fx = try Fixture()
            id = try fx.ok("new", "Poisoned", "--owner", "ada", "--started", "2026-11-27T09:00Z")
            try fx.ok("followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-11-01", "Overdue fix")
            broken = try fx.ok("new", "Broken")
            let payload = TerminalSafetyTests.payload
            // Into the incident's own summary (a second `## Summary` would be a duplicate
            // section, of which readers show only the first).
            try fx.editIncident(id, message: "subject \(payload)") { text in
                guard let r = text.range(of: "## Summary\n") else { return text + "\n## Summary\n\n\(payload)\n" }
                return text.replacingCharacters(in: r, with: "## Summary\n\n\(payload)\n")
            }
            try fx.editIncident(broken, message: "break \(payload)") { text in
                text.replacingOccurrences(of: "title: Broken", with: "title: [\u{1B}[2J unclosed")
            }
        }
    }

    /// What a terminal may receive: no escape sequence but Inquest's own colours.
    static func raw(_ s: String) -> Bool {
        var t = s
        for sgr in ["\u{1B}[0m", "\u{1B}[1m", "\u{1B}[31m"] { t = t.replacingOccurrences(of: sgr, with: "") }
        return t.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }
    }

    /// Read commands whose output holds no text from the branch, and where else they are checked.
    static let notHere: [String: String] = [
        "hooks install": "prints only the hook paths it wrote",
        "hooks uninstall": "prints only the hook paths it removed",
        "hook": "hookMessagesAreAlwaysMadeVisible",
        "merge-driver": "git runs it; it prints nothing but conflicts counts",
    ]

    @Test func everyReadCommandMakesControlCharactersVisibleOnATerminal() throws {
        let p = try Poisoned()
        let site = p.fx.tmp.sub("site")
        let byCommand: [String: [[String]]] = [
            "show": [["show", p.id], ["show", p.broken]],
            "list": [["list"]],
            "report": [["report", p.id], ["report", p.id, "--format", "markdown"]],
            "log": [["log"], ["log", p.id], ["log", "--full"]],
            "verify": [["verify"]],
            "conflicts": [["conflicts"]],
            "followups": [["followups"], ["followups", "--links"]],
            "stats": [["stats"]],
            "check": [["check"], ["check", p.broken]],
            "search": [["search", "boom"], ["search", "Poisoned"]],
            "diff": [["diff", "postmortems~3..postmortems"]],
            "trust list": [["trust", "list"]],
            "policy show": [["policy", "show"]],
            "site": [["site", site]],
        ]
        // Every read command is here or says where else it is checked: the list of read
        // commands is the one EveryWriteSignsTests holds against the CLI's own command tree.
        let missing = EveryWriteSignsTests.readOnly.subtracting(byCommand.keys).subtracting(Self.notHere.keys)
        #expect(missing.isEmpty, "read commands with no terminal-safety case: \(missing.sorted())")
        let commands = byCommand.keys.sorted().flatMap { byCommand[$0]! } + [["set", p.broken, "summary=x"]]
        var shown = 0
        for args in commands {
            let r = try p.fx.run(args, env: ["INQUEST_TERMINAL": "1"])
            #expect(r.status < 128, "\(args) crashed")
            #expect(!Self.raw(r.stdout), "\(args) sent raw control characters to stdout: \(r.stdout.debugDescription)")
            #expect(!Self.raw(r.stderr), "\(args) sent raw control characters to stderr: \(r.stderr.debugDescription)")
            // Visible as ^[ (the output layer) or as \u{1b} (log's own value quoting).
            let all = r.stdout + r.stderr
            if all.contains("^[[2J") || all.contains("\\u{1b}[2J") { shown += 1 }
        }
        // The payload was printed (made visible), not merely absent.
        #expect(shown >= 6)
    }

    /// A hook's stderr is a pipe, but git forwards it to the terminal of whoever pushed:
    /// a file name holding escapes is shown visibly there too.
    @Test func hookMessagesAreAlwaysMadeVisible() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Target")
        let old = fx.tip
        let p = HostileTreeTests.Plumber(sandbox: fx.sandbox, repo: fx.repo)
        let dir = try fx.incidentPath(id).split(separator: "/").dropLast().map(String.init)
        let tree = try p.put(try p.git("rev-parse", "postmortems^{tree}"), dir + ["\u{1B}[2Jevil\u{07}.md"],
                             mode: "100644", oid: try p.blob("x\n"))
        try p.commit(tree, "escape in a name")
        let r = try fx.sandbox.inquest(["hook", "pre-receive"], in: fx.repo, stdin: "\(old) \(fx.tip) refs/heads/postmortems\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("^[[2Jevil^G.md: is not a record"), "\(r.stderr)")
        #expect(!Self.raw(r.stderr))
    }

    /// The real thing once: a pseudo-terminal from util-linux `script`.
    @Test func aRealTerminalGetsVisibleEscapes() throws {
        let p = try Poisoned()
        let cmd = "'\(Binaries.inquest)' show \(p.id); '\(Binaries.inquest)' log"
        let r = try p.fx.sandbox.run("script", ["-qec", cmd, "/dev/null"], cwd: p.fx.repo)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("^[[2J^[]0;pwned^G <U+009B>31m end"))
        #expect(!Self.raw(r.stdout))
        // Piped, the text is passed on as it is (for scripts), and JSON escapes it.
        let piped = try p.fx.run(["show", p.id])
        #expect(piped.stdout.contains(Self.payload))
        let json = try p.fx.run(["show", p.id, "--json"], env: ["INQUEST_TERMINAL": "1"])
        #expect(json.stdout.contains("\\u001b[2J"))
        #expect(!Self.raw(json.stdout))
    }
}
