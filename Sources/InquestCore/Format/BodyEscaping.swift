/// How section text is written into an incident's body so that it reads back unchanged.
///
/// The body is split into sections at lines `## Name` outside code fences (lines starting
/// with three backticks or tildes toggle a fence). Section text may hold such lines
/// itself, so `render` escapes them the Markdown way, with a backslash (`\## Impact`
/// renders as the text "## Impact", not a heading):
///
/// - outside a fence, a line that starts with backslashes followed by `## `, or by a fence
///   that would never be closed, gets one more backslash;
/// - a fence that is closed later in the same text is left alone (code blocks stay code
///   blocks), and lines inside it are text as they are;
/// - `parse` removes one backslash from such lines outside fences.
///
/// Escaping adds a backslash to exactly the lines that reading removes one from, so every
/// text round-trips, including texts that already hold `\## `.
enum BodyEscaping {
    static func isFence<S: StringProtocol>(_ line: S) -> Bool {
        line.hasPrefix("```") || line.hasPrefix("~~~")
    }

    /// Backslashes, then `## ` or a fence.
    private static func escapable<S: StringProtocol>(_ line: S) -> Bool {
        let rest = line.drop { $0 == "\\" }
        return rest.hasPrefix("## ") || isFence(rest)
    }

    static func unescape(_ line: Substring) -> Substring {
        line.hasPrefix("\\") && escapable(line) ? line.dropFirst() : line
    }

    static func escape(_ text: String) -> String {
        let lines = text.lfLines
        guard lines.contains(where: { escapable($0) }) else { return text }
        let lastFence = lines.lastIndex(where: { isFence($0) })
        var out: [Substring] = []
        out.reserveCapacity(lines.count)
        var inFence = false
        for (i, line) in lines.enumerated() {
            if inFence {
                if isFence(line) { inFence = false }
                out.append(line)
            } else if isFence(line), let lastFence, lastFence > i {
                inFence = true
                out.append(line)
            } else if escapable(line) {
                out.append("\\" + line)
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }
}
