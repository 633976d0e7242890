import Foundation
import Testing
@testable import InquestCore

@Suite struct FormatTests {
    /// Any string survives emit -> parse, and canonical output is stable (a fixed point).
    @Test func scalarsRoundTripThroughCanonicalYAML() throws {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", " ", ":", ": ", "#", " #", "-", "'", "\"", "\\", "\t", "\n", "é", "日本", "🙂",
                      "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "true", "null", "~",
                      "0x1F", "1e3", "12", "-3.5", "yes", "No", "\u{7}", "\u{1b}", "\u{85}", "\u{2028}", "---", "..."]
        for _ in 0..<2000 {
            let n = Int(rng.next(upperBound: UInt32(6)))
            let s = (0..<n).map { _ in pieces[Int(rng.next(upperBound: UInt32(pieces.count)))] }.joined()
            let file = RecordFile(frontMatter: [YAMLPair("k", .string(s)), YAMLPair("l", .list([.string(s), .string("x")]))],
                                  body: "")
            let bytes = file.serialized()
            let back = try RecordFile.parse(bytes, path: "t.md")
            #expect(back["k"]?.scalarText == s, "value \(s.debugDescription) via \(String(decoding: bytes, as: UTF8.self))")
            if case .list(let items)? = back["l"] {
                #expect(items.first?.scalarText == s)
            } else {
                Issue.record("list lost for \(s.debugDescription)")
            }
            #expect(back.serialized() == bytes, "not canonical for \(s.debugDescription)")
        }
    }

    @Test func handWrittenTypesKeepTheirShape() throws {
        let text = """
            ---
            id: INC-0000000001
            count: 3
            flag: yes
            quoted: "3"
            nested:
              a: 1
              b: [x, y]
            ---
            body

            """
        let f = try RecordFile.parse(Data(text.utf8), path: "x.md")
        let out = String(decoding: f.serialized(), as: UTF8.self)
        #expect(out.contains("count: 3\n"))
        #expect(out.contains("flag: yes\n"))
        #expect(out.contains("quoted: \"3\"\n"))
        #expect(out.contains("nested:\n  a: 1\n  b:\n    - x\n    - y\n"))
        #expect(f.line(of: "count") == 3)
    }

    @Test func problemsNameFileAndLine() throws {
        func problem(_ text: String) -> String {
            do {
                _ = try RecordFile.parse(Data(text.utf8), path: "incidents/x.md")
                return "no error"
            } catch { return String(describing: error) }
        }
        #expect(problem("no front matter\n").hasPrefix("incidents/x.md:1: no front matter"))
        #expect(problem("---\nid: x\n").contains("not closed"))
        let bad = problem("---\nid: x\ntitle: [unclosed\nother: 1\n---\n")
        #expect(bad.hasPrefix("incidents/x.md:"))
        #expect(bad.contains("not valid YAML"))
        #expect(problem("---\nid: a\nid: b\n---\n") == "incidents/x.md:3: id: front matter is refused: the key 'id' appears twice")
        #expect(problem("---\n- a\n- b\n---\n").contains("must be a mapping"))
        let invalid = Data([0x2d, 0x2d, 0x2d, 0x0a, 0x61, 0x3a, 0x20, 0xff, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a])
        do {
            _ = try RecordFile.parse(invalid, path: "y.md")
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(String(describing: error) == "y.md:2: not valid UTF-8 (byte 7)")
        }
    }

    @Test func sectionsKeepUnknownOnesAndOrder() {
        var s = Sections.parse("""
            Intro text.

            ## Summary

            It broke.

            ## Detection gaps

            Nobody looked.

            ```
            ## not a heading inside a fence
            ```

            ## Key takeaways

            Look more.
            """)
        #expect(s.preamble == "Intro text.")
        #expect(s.keys == ["summary", "detection_gaps", "takeaways"])
        #expect(s["detection_gaps"]?.contains("## not a heading") == true)
        s.set("impact", "Customers saw errors.")
        s.set("technical_summary", "A race.")
        #expect(s.keys == ["summary", "impact", "technical_summary", "detection_gaps", "takeaways"])
        let again = Sections.parse(s.render())
        #expect(again == s)
        #expect(Sections.normalize("Technical Summary") == "technical_summary")
        #expect(Sections.normalize("key takeaways") == "takeaways")
    }

    /// The fast reader of canonical front matter must agree with the YAML parser on
    /// everything the emitter writes, and must be taken for it (else it is no use).
    @Test func canonicalReaderAgreesWithYAML() throws {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", " ", ":", ": ", "#", " #", "-", "'", "\"", "\\", "\t", "\n", "é", "🙂", "[", "]", "{",
                      "}", ",", ", ", "&", "*", "!", "true", "null", "12", "\u{7}", "\u{85}", "x: y", "a, b", "?", ":?", "? "]
        func random() -> String {
            (0..<Int(rng.next(upperBound: UInt32(5)))).map { _ in pieces[Int(rng.next(upperBound: UInt32(pieces.count)))] }.joined()
        }
        for _ in 0..<1000 {
            let pairs = [
                YAMLPair("id", .string("INC-0000000001")),
                YAMLPair("title", .string(random())),
                YAMLPair("flag", .bool(rng.next() % 2 == 0)),
                YAMLPair("owner", rng.next() % 2 == 0 ? .null : .string(random())),
                YAMLPair("tags", .list((0..<Int(rng.next(upperBound: UInt32(3)))).map { _ in .string(random()) })),
                YAMLPair("reviews", .list([.map([YAMLPair("date", .string("2026-11-28T10:00:00Z")),
                                                 YAMLPair("note", .string(random()))])])),
            ]
            let text = YAMLEmitter.emit(pairs)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let fast = CanonicalFrontMatter.parse(lines, firstLine: 2)
            #expect(fast != nil, "fast path not taken for \(text)")
            let slow = try FrontMatterParser.parse(text, path: "t.md", firstLine: 2)
            #expect(fast == slow, "\(text)")
            #expect(fast?.map(\.line) == slow.map(\.line))
        }
        // Outside the canonical subset it steps aside rather than guess.
        for odd in ["a: b # comment", "a: 'single'", "a: |", "a:\n  b: c", "a: \"\\q\"", "- x", "a: [x, y]", "a: &anchor x"] {
            let lines = odd.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(CanonicalFrontMatter.parse(lines[...], firstLine: 2) == nil, "\(odd)")
        }
    }
}
