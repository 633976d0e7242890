import Foundation
import InquestCore
import Testing

@Suite struct RevisionRangeTests {
    @Test(arguments: [
        ("A..B", RevisionRange.Form.twoDot, "A", "B"),
        ("A...B", .threeDot, "A", "B"),
        ("postmortems...origin/review/x", .threeDot, "postmortems", "origin/review/x"),
        ("A..", .twoDot, "A", nil),
        ("..B", .twoDot, nil, "B"),
        ("A...", .threeDot, "A", nil),
        ("HEAD~2..HEAD", .twoDot, "HEAD~2", "HEAD"),
        ("abc123", .single, nil, "abc123"),
        ("origin/review/x", .single, nil, "origin/review/x"),
    ] as [(String, RevisionRange.Form, String?, String?)])
    func parses(_ text: String, _ form: RevisionRange.Form, _ from: String?, _ to: String?) throws {
        let r = try RevisionRange.parse(text)
        #expect(r.form == form)
        #expect(r.from == from)
        #expect(r.to == to)
        #expect(r.description == text)
    }

    @Test(arguments: ["", "A....B", "A..B..C", "A...B...C", "--all", "A..-x", "A B", "A..B\u{1b}[2J"])
    func refuses(_ text: String) {
        #expect(throws: InquestError.self) { try RevisionRange.parse(text) }
    }
}

@Suite struct LineDiffTests {
    func render(_ lines: [LineDiff.Line]) -> String { lines.map { "\($0.op.rawValue)\($0.text)" }.joined(separator: "|") }

    @Test func keepsCommonLinesAndShowsEdits() {
        #expect(render(LineDiff.diff("a\nb\nc", "a\nB\nc")) == " a|-b|+B| c")
        #expect(render(LineDiff.diff(nil, "x\ny")) == "+x|+y")
        #expect(render(LineDiff.diff("x\ny", nil)) == "-x|-y")
        #expect(render(LineDiff.diff("a\nb\nc\nd", "b\nc\nd\ne")) == "-a| b| c| d|+e")
        #expect(render(LineDiff.diff("same", "same")) == " same")
    }

    /// Applying the diff's kept and added lines gives the new text, and kept plus removed
    /// the old one, for many random edits.
    @Test func reconstructsBothSides() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...12, using: &rng)).map { _ in ["a", "b", "c", "d"].randomElement(using: &rng)! }
            let new = (0..<Int.random(in: 0...12, using: &rng)).map { _ in ["a", "b", "c", "e"].randomElement(using: &rng)! }
            let d = LineDiff.diff(old.joined(separator: "\n"), new.joined(separator: "\n"))
            #expect(d.filter { $0.op != .added }.map(\.text) == old)
            #expect(d.filter { $0.op != .removed }.map(\.text) == new)
            // Minimal: the kept lines are a longest common subsequence.
            #expect(d.filter { $0.op == .same }.count == lcs(old, new))
        }
    }

    func lcs(_ a: [String], _ b: [String]) -> Int {
        var t = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : max(t[i + 1][j], t[i][j + 1])
            }
        }
        return t[0][0]
    }
}
