import ArgumentParser

/// Free text given on the command line (a title, a timeline entry, a note).
///
/// The argument parser reads anything that begins with `-` as options, so
/// `inquest new "- hyphenated title"` used to become `-h` (help, exit 0) and the title was
/// lost. `TextArguments.protect` marks such words before parsing; only a `Text` takes the
/// mark off again. A plain `String` argument that receives a marked word is refused after
/// parsing (exit 2, with a hint about `--`), so a new command cannot silently lose text.
struct Text: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    let value: String

    init(_ value: String) { self.value = value }

    init?(argument: String) { value = TextArguments.unmark(argument) }

    var description: String { value }
}

extension Array where Element == Text {
    /// Several words given unquoted, joined as the shell split them.
    var joined: String { map(\.value).joined(separator: " ") }
}

enum TextArguments {
    /// A private-use character no one types; doubled when a word already begins with it.
    static let mark: Character = "\u{F8FF}"

    /// Commands that git runs with file names and remote names, not text from a person.
    static let machineCommands: Set<String> = ["hook", "merge-driver"]

    /// Marks every word that begins with `-` but is not shaped like an option (`--name`,
    /// `--name=value`, `-x`, `--`), so that the parser takes it as a value. Words after `--`
    /// are values already.
    static func protect(_ args: [String]) -> [String] {
        if let first = args.first(where: { !$0.hasPrefix("-") }), machineCommands.contains(first) { return args }
        var out: [String] = []
        var terminated = false
        for a in args {
            if a.first == mark {
                out.append(String(mark) + a)
            } else if !terminated, a.hasPrefix("-"), !isOptionShaped(a) {
                out.append(String(mark) + a)
            } else {
                if a == "--" { terminated = true }
                out.append(a)
            }
        }
        return out
    }

    /// `--`, `--name`, `--name=value` or a single `-x`. A longer `-word` is not: the parser
    /// would read `-hyphenated` as `-h -y -p …` and print the help.
    static func isOptionShaped(_ a: String) -> Bool {
        if a == "--" { return true }
        if a.hasPrefix("--") {
            let name = a.dropFirst(2).prefix { $0 != "=" }
            guard let first = name.first, first.isASCII, first.isLetter else { return false }
            return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        let rest = a.dropFirst()
        return rest.count == 1 && rest.first!.isASCII && rest.first!.isLetter
    }

    /// Whether `protect` marked any word of `args` (its output).
    static func anyMarked(_ args: [String]) -> Bool {
        args.contains { $0.first == mark }
    }

    static func unmark(_ s: String) -> String {
        s.first == mark ? String(s.dropFirst()) : s
    }

    /// The marked word a plain `String` field of `command` received, if any: that field is
    /// not free text, so the word must not be taken as an option nor silently changed.
    static func misplacedText(in command: ParsableCommand) -> String? {
        var dumped = ""
        dump(command, to: &dumped)
        // `dump` shows strings quoted: a marked one starts with a quote and the mark (text
        // that merely contains the character, unmarked by a `Text`, does not).
        guard let start = dumped.range(of: "\"" + String(mark)) else { return nil }
        let word = dumped[start.upperBound...].prefix { $0 != "\"" && $0 != "\n" }
        return String(word)
    }
}
