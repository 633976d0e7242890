import Foundation
import Testing
import TestSupport

/// Shell completions come from the argument parser, so every command is in them; bash's is
/// loaded into a real bash and asked to complete, as a user's shell would.
@Suite struct CompletionTests {
    @Test func bashCompletesCommandsAndSubcommands() throws {
        let fx = try Fixture(initialize: false)
        let script = try fx.ok("--generate-completion-script", "bash")
        let file = fx.tmp.path + "/inquest.bash"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            let program = """
                source \(file)
                COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
                COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
                _inquest inquest '\(words.last!)' '\(words[words.count - 2])'
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            return try fx.sandbox.run("/bin/bash", ["-c", program], cwd: fx.tmp.path).stdout.lines
        }
        #expect(try complete(["inquest", "fol"]) == ["followup", "followups"])
        #expect(try complete(["inquest", "finding", ""]).contains("delete"))
        #expect(try complete(["inquest", "timeline", "d"]) == ["delete"])
    }

    @Test func zshAndFishScriptsNameEveryCommand() throws {
        let fx = try Fixture(initialize: false)
        let help = try fx.ok("--help")
        // The subcommand names as --help lists them (indented, first word).
        let commands = help.lines.compactMap { line -> String? in
            (try? #/^  ([a-z][a-z-]*)  +\S/#.firstMatch(in: line)).flatMap { $0 }.map { String($0.1) }
        }
        #expect(commands.count > 20 && commands.contains("sync") && commands.contains("followups"), "\(commands)")
        for shell in ["zsh", "fish"] {
            let script = try fx.ok("--generate-completion-script", shell)
            for c in commands where c != "help" {
                #expect(script.contains(c), "\(shell) completion lacks \(c)")
            }
        }
    }
}
