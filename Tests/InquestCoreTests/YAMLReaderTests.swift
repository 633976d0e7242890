import Foundation
import Testing
@testable import InquestCore

/// The front-matter reader refuses what records never need before building anything, and
/// tells text from syntax: a quoted or inner `&`, `*` or `!` is text.
@Suite struct YAMLReaderTests {
    static func refusal(_ yaml: String) -> YAMLReader.Failure? {
        do {
            _ = try YAMLReader.read(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("a: &x 1\nb: *x\n", 1, "a", "YAML anchors (&name) are not allowed"),
        ("a: 1\nb: *x\n", 2, "b", "YAML aliases (*name) are not allowed"),
        ("a: 1\nb: !!str 2\n", 2, "b", "YAML tags (!name) are not allowed"),
        ("a: !custom\n  - x\n", 1, "a", "YAML tags (!name) are not allowed"),
        ("a: 1\nb:\n  <<: {c: 1}\n", 3, "b", "YAML merge keys (<<) are not allowed"),
        ("a: 1\na: 2\n", 2, "a", "the key 'a' appears twice"),
        ("? [a, b]\n: c\n", 1, nil, "keys must be plain words"),
        ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", 1, nil, "YAML tag directives (%TAG) are not allowed"),
        ("a: 1\n---\nb: 2\n", 2, nil, "holds more than one YAML document"),
    ] as [(String, Int, String?, String)])
    func refused(yaml: String, line: Int, key: String?, message: String) throws {
        let failure = try #require(Self.refusal(yaml))
        #expect(failure.line == line)
        #expect(failure.key == key)
        #expect(failure.message.hasPrefix(message), "\(failure.message)")
        #expect(!failure.isSyntaxError)
    }

    @Test func indicatorsInsideValuesAreText() throws {
        let yaml = "title: \"fish & chips *and* !more\"\nowner: a&b\nnote: x *y !z\ntags: ['&a', \"*b\", c!d]\n"
        let root = try YAMLReader.read(yaml)
        guard case .map(let pairs)? = root else { Issue.record("not a mapping"); return }
        #expect(pairs.map(\.key) == ["title", "owner", "note", "tags"])
        #expect(pairs[0].value.scalarText == "fish & chips *and* !more")
        #expect(pairs[1].value.scalarText == "a&b")
        #expect(pairs[2].value.scalarText == "x *y !z")
        #expect(pairs[3].value == .list([.scalar("&a", plain: false), .scalar("*b", plain: false), .scalar("c!d", plain: true)]))
        #expect(pairs.map(\.line) == [1, 2, 3, 4])
    }

    @Test func nestingAndSizeAreBounded() throws {
        // Deeper than any record: refused at the limit.
        let deep = "a: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        #expect(Self.refusal(deep)?.message.contains("deeper than \(RecordLimits.maxDepth) levels") == true)
        // Hostile depth is refused (libyaml stops at 1,000 levels in its lookahead) without
        // a stack overflow and without time growing with the square of the input.
        let hostile = "a: " + String(repeating: "[", count: 1_000_000) + "\n"
        #expect(Self.refusal(hostile) != nil)
        let nested = "a: " + String(repeating: "[", count: RecordLimits.maxDepth - 1) + "x"
            + String(repeating: "]", count: RecordLimits.maxDepth - 1) + "\n"
        #expect(Self.refusal(nested) == nil, "the limit itself is allowed")
        let many = "a: [" + Array(repeating: "x", count: RecordLimits.maxNodes + 1).joined(separator: ",") + "]\n"
        #expect(Self.refusal(many)?.message.contains("more than \(RecordLimits.maxNodes) values") == true)
    }

    @Test func syntaxErrorsSayWhere() throws {
        let failure = try #require(Self.refusal("a: [unclosed\nb: 1\n"))
        #expect(failure.isSyntaxError)
        #expect(failure.line != nil)
    }

    @Test func thePolicyIsCheckedToo() {
        let bomb = "version: 1\ngates: &g\n  review: {min_findings: 1}\nevery_incident:\n  gates: *g\n"
        #expect {
            _ = try PolicyRules.parse(bomb)
        } throws: { error in
            String(describing: error) == ".inquest/policy.yml:2: refused: YAML anchors (&name) are not allowed: write the value out"
        }
    }

    /// The merge keeps the readable side and stores the bomb as text, unexpanded.
    @Test func mergeKeepsTheReadableSideAndTheBombAsText() throws {
        let path = "incidents/2026-11/INC-0000000001/incident.md"
        var incident = Incident(id: RecordID(exactly: "INC-0000000001")!, title: "t", severity: .sev3,
                                created: Timestamp(seconds: 1_780_000_000))
        let base = incident.file().serialized()
        incident.owner = "erin"
        let ours = incident.file().serialized()
        let lines = ["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
            + zip("abcdefgh", "bcdefghi").map { "\($1): &\($1) [" + Array(repeating: "*\($0)", count: 9).joined(separator: ",") + "]" }
        let theirs = Data(String(decoding: base, as: UTF8.self)
            .replacingOccurrences(of: "\ntitle:", with: "\n" + lines.joined(separator: "\n") + "\ntitle:").utf8)
        let result = FileMerge.merge(path: path, base: base, ours: ours, theirs: theirs)
        let merged = try #require(result.data)
        #expect(merged.count < 4 * theirs.count, "nothing expanded: \(merged.count) bytes")
        let back = try Incident(data: merged, path: path)
        #expect(back.owner == "erin")
        #expect(back.conflicts.first?.field == "file")
        #expect(back.conflicts.first?.theirs?.contains("&a [lol") == true)
    }
}
