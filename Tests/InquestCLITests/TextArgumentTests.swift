import Foundation
import Testing
import TestSupport

/// No text argument is ever lost: text beginning with `-` is stored exactly, or refused with
/// exit 2 and a hint about `--`; help never takes its place on stdout.
///
/// The positional arguments come from the binary itself (`--experimental-dump-help`), so a
/// command added later fails this test until it is placed in `roles`.
@Suite struct TextArgumentTests {
    enum Role { case text, notText, machine }

    /// Every positional argument of every command: `command path` + `value name`.
    static let roles: [String: Role] = [
        "new title": .text, "timeline add text": .text, "finding add title": .text,
        "followup add title": .text, "set assignments": .text, "followup set assignments": .text,
        "show id": .notText, "set id": .notText, "edit id": .notText, "status id": .notText,
        "status state": .notText, "timeline add id": .notText, "finding add id": .notText,
        "followup add id": .notText, "followup set id": .notText, "followup review id": .notText,
        "followup delete id": .notText, "check ids": .notText, "report id": .notText, "site dir": .notText,
        "approve id": .notText, "trust add key": .notText, "trust remove key": .notText, "trust init key": .notText,
        "verify range": .notText, "log id": .notText, "sync remote": .notText, "resolve id": .notText,
        "resolve field": .notText, "diff arguments": .notText, "merge ref": .notText,
        "finding delete id": .notText, "timeline delete id": .notText, "fix-unpushed remote": .notText, "import path": .notText,
        "followup link id": .notText, "followup link target": .notText, "search query": .notText,
        // Run by git with file and remote names, never typed by a person.
        "hook name": .machine, "hook args": .machine, "merge-driver base": .machine, "merge-driver ours": .machine,
        "merge-driver theirs": .machine, "merge-driver path": .machine, "help subcommands": .machine,
    ]

    static let hostile = ["- hyphenated title", "-hyphen", "--- three dashes", "-5 degrees", "- h", "-\u{F8FF}x"]

    static func positionals(_ fx: Fixture) throws -> [(key: String, path: [String], repeating: Bool)] {
        let dump = try fx.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as! [String: Any]
        var out: [(String, [String], Bool)] = []
        func walk(_ c: [String: Any], _ path: [String]) {
            for a in c["arguments"] as? [[String: Any]] ?? [] where a["kind"] as? String == "positional" {
                out.append(((path + [a["valueName"] as! String]).joined(separator: " "), path, a["isRepeating"] as? Bool ?? false))
            }
            for s in c["subcommands"] as? [[String: Any]] ?? [] { walk(s, path + [s["commandName"] as! String]) }
        }
        walk(json["command"] as! [String: Any], [])
        return out
    }

    @Test func everyPositionalArgumentHasARole() throws {
        let fx = try Fixture()
        let found = try Self.positionals(fx)
        #expect(found.count >= 30)
        for p in found { #expect(Self.roles[p.key] != nil, "new positional argument \(p.key): add it to TextArgumentTests.roles") }
    }

    /// Runs `args`, which must store `text`; `read` gives back what was stored.
    func stores(_ fx: Fixture, _ args: [String], _ text: String, read: (String) throws -> String?) throws {
        let r = try fx.run(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        #expect(!r.stdout.contains("USAGE") && !r.stdout.contains("OVERVIEW"), "\(args) printed help")
        #expect(try read(r.trimmed) == text, "\(args) did not store \(text.debugDescription)")
    }

    func json(_ fx: Fixture, _ id: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try fx.ok("show", id, "--json").utf8)) as! [String: Any]
    }

    @Test(arguments: hostile) func textArgumentsKeepTextThatBeginsWithADash(_ text: String) throws {
        let fx = try Fixture()
        let inc = try fx.ok("new", "base")
        let fid = try fx.ok("finding", "add", inc, "--category", "technical-lapse", "f")
        let fu = try fx.ok("followup", "add", inc, "--kind", "bug", "--owner", "bob", "--due", "2026-12-30", "fu")
        var covered: Set<String> = []
        // new TITLE
        try stores(fx, ["new", text], text) { try json(fx, $0)["title"] as? String }
        covered.insert("new title")
        try stores(fx, ["timeline", "add", inc, "--at", "2026-11-28T10:00Z", text], text) { ev in
            (try json(fx, inc)["timeline"] as! [[String: Any]]).first { $0["id"] as? String == ev }?["text"] as? String
        }
        covered.insert("timeline add text")
        try stores(fx, ["finding", "add", inc, "--category", "process-flaw", text], text) { f in
            (try json(fx, inc)["findings"] as! [[String: Any]]).first { $0["id"] as? String == f }?["title"] as? String
        }
        covered.insert("finding add title")
        try stores(fx, ["followup", "add", inc, "--kind", "bug", "--owner", "bob", "--due", "2026-12-30", text], text) { f in
            (try json(fx, inc)["followups"] as! [[String: Any]]).first { $0["id"] as? String == f }?["title"] as? String
        }
        covered.insert("followup add title")
        try stores(fx, ["set", inc, "summary=\(text)"], text) { _ in
            (try json(fx, inc)["sections"] as! [String: Any])["summary"] as? String
        }
        try stores(fx, ["set", fid, "title=\(text)"], text) { _ in
            (try json(fx, inc)["findings"] as! [[String: Any]]).first { $0["id"] as? String == fid }?["title"] as? String
        }
        covered.insert("set assignments")
        try stores(fx, ["followup", "set", fu, "title=\(text)"], text) { _ in
            (try json(fx, inc)["followups"] as! [[String: Any]]).first { $0["id"] as? String == fu }?["title"] as? String
        }
        covered.insert("followup set assignments")
        // Options that take text: the value is kept whatever it begins with.
        try stores(fx, ["followup", "review", fu, "--note", text], text) { _ in
            let file = try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines.first { $0.contains(fu) }!
            let body = try fx.git("show", "postmortems:\(file)")
            return body.contains(text) ? text : nil
        }
        let texts = Set(Self.roles.filter { $0.value == .text }.map(\.key))
        #expect(covered == texts, "text arguments without a storage check: \(texts.subtracting(covered))")
    }

    /// Where no text is expected, a word beginning with `-` is an error (exit 2), never help.
    @Test func otherPositionalsRefuseDashWordsWithExit2() throws {
        let fx = try Fixture()
        let inc = try fx.ok("new", "base")
        let tip = fx.tip
        for p in try Self.positionals(fx) where Self.roles[p.key] == .notText {
            var args = p.path
            // The second positional of a command gets a valid first one.
            if p.key.hasSuffix(" state") || p.key.hasSuffix(" field") { args.append(inc) }
            for word in ["- x", "-hyphen"] {
                let r = try fx.run(args + [word])
                #expect(r.status == 2, "\(args + [word]) exited \(r.status): \(r.stderr)")
                #expect(!r.stdout.contains("USAGE") && !r.stdout.contains("OVERVIEW"), "\(args + [word]) printed help")
                #expect(r.status < 128)
            }
        }
        #expect(fx.tip == tip, "a refused command wrote to the branch")
    }

    @Test func anOptionShapedWordIsRefusedWithAHintAndDoubleDashStoresIt() throws {
        let fx = try Fixture()
        let tip = fx.tip
        let r = try fx.run(["new", "-x"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("put `--` before it"))
        #expect(fx.tip == tip)
        let id = try fx.ok("new", "--severity", "sev2", "--", "-x", "--not-an-option")
        #expect(try json(fx, id)["title"] as? String == "-x --not-an-option")
        #expect(try json(fx, id)["severity"] as? String == "sev2")
    }
}
