import Foundation

/// A line-by-line diff of two texts (a section, a narrative), so a reviewer sees which
/// lines of a long value changed instead of two walls of text.
public enum LineDiff {
    public enum Op: String, Sendable { case same = " ", added = "+", removed = "-" }

    public struct Line: Sendable, Hashable {
        public let op: Op
        public let text: String
    }

    /// Above this many lines on both sides (a pasted log), the quadratic table would cost
    /// too much; the diff is then every old line removed and every new line added, which is
    /// still complete, only less precise.
    static let maxCells = 4_000_000

    /// The shortest edit from `old` to `new`, by longest common subsequence of lines.
    public static func diff(_ old: String?, _ new: String?) -> [Line] {
        let a = lines(old), b = lines(new)
        // Trim the common head and tail: most edits touch a few lines of a long text.
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let midA = Array(a[head..<(a.count - tail)]), midB = Array(b[head..<(b.count - tail)])
        var out = a[..<head].map { Line(op: .same, text: $0) }
        out += middle(midA, midB)
        out += a[(a.count - tail)...].map { Line(op: .same, text: $0) }
        return out
    }

    private static func middle(_ a: [String], _ b: [String]) -> [Line] {
        if a.isEmpty { return b.map { Line(op: .added, text: $0) } }
        if b.isEmpty { return a.map { Line(op: .removed, text: $0) } }
        if a.count * b.count > maxCells {
            return a.map { Line(op: .removed, text: $0) } + b.map { Line(op: .added, text: $0) }
        }
        // lcs[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        let width = b.count + 1
        var lcs = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i * width + j] = a[i] == b[j] ? lcs[(i + 1) * width + j + 1] + 1
                    : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                out.append(Line(op: .same, text: a[i])); i += 1; j += 1
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                out.append(Line(op: .removed, text: a[i])); i += 1
            } else {
                out.append(Line(op: .added, text: b[j])); j += 1
            }
        }
        out += a[i...].map { Line(op: .removed, text: $0) }
        out += b[j...].map { Line(op: .added, text: $0) }
        return out
    }

    static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Whether a value reads better as a line diff than as `old -> new`.
    public static func isLong(_ value: String?) -> Bool {
        guard let value else { return false }
        return value.contains("\n") || value.count > 100
    }
}
