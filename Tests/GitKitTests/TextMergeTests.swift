import Foundation
import GitKit
import Testing

@Suite struct TextMergeTests {
    func d(_ s: String) -> Data { Data(s.utf8) }

    @Test func changesToDifferentLinesMerge() throws {
        let r = try TextMerge.merge(base: d("a\nb\nc\nd\ne\n"), ours: d("A\nb\nc\nd\ne\n"), theirs: d("a\nb\nc\nd\nE\n"))
        #expect(r.clean)
        #expect(r.data == d("A\nb\nc\nd\nE\n"))
    }

    @Test func changesToTheSameLineConflict() throws {
        let r = try TextMerge.merge(base: d("a\n"), ours: d("b\n"), theirs: d("c\n"))
        #expect(!r.clean)
        #expect(String(decoding: r.data, as: UTF8.self).contains("<<<<<<<"))
    }

    @Test func noBaseAndEmptyTextsWork() throws {
        #expect(try TextMerge.merge(base: nil, ours: d("same\n"), theirs: d("same\n")).data == d("same\n"))
        let empty = try TextMerge.merge(base: nil, ours: Data(), theirs: Data())
        #expect(empty.clean && empty.data.isEmpty)
        #expect(try !TextMerge.merge(base: nil, ours: d("x\n"), theirs: d("y\n")).clean)
    }
}
