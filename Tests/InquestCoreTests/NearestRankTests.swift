import Testing
@testable import InquestCore

/// The percentile method the README documents: the value at rank ⌈p/100 × n⌉ of the sorted
/// values. Every expectation below is worked out by hand in its comment.
@Suite struct NearestRankTests {
    @Test func medianAndP90ByHand() {
        // n = 7, sorted 1 2 3 4 5 6 7: median rank ⌈3.5⌉ = 4 → 4; p90 rank ⌈6.3⌉ = 7 → 7.
        #expect(NearestRank.median([7, 1, 6, 2, 5, 3, 4]) == 4)
        #expect(NearestRank.percentile(90, of: [7, 1, 6, 2, 5, 3, 4]) == 7)
        // n = 4, sorted 10 20 30 40: median rank ⌈2⌉ = 2 → 20 (the lower middle, no averaging);
        // p90 rank ⌈3.6⌉ = 4 → 40; p25 rank ⌈1⌉ = 1 → 10; p75 rank ⌈3⌉ = 3 → 30.
        let four: [Int64] = [40, 10, 30, 20]
        #expect(NearestRank.median(four) == 20)
        #expect(NearestRank.percentile(90, of: four) == 40)
        #expect(NearestRank.percentile(25, of: four) == 10)
        #expect(NearestRank.percentile(75, of: four) == 30)
        // n = 10, sorted 1…10: p90 rank ⌈9⌉ = 9 → 9 (exact products are not rounded up).
        #expect(NearestRank.percentile(90, of: Array(1...10)) == 9)
        // n = 1: every percentile is the one value; n = 0: none.
        #expect(NearestRank.median([5]) == 5 && NearestRank.percentile(90, of: [5]) == 5)
        #expect(NearestRank.median([]) == nil)
        #expect(NearestRank.percentile(100, of: [3, 9, 1]) == 9)
    }

    @Test func spreadCountsWhatItMeasures() {
        let s = Spread([300, 600, 900])
        #expect(s.count == 3 && s.median == 600 && s.p90 == 900)
        let none = Spread([])
        #expect(none.count == 0 && none.median == nil && none.p90 == nil)
    }

    @Test func monthsAndRanges() {
        let day = Day.parse("2026-11-28", now: .init())!
        #expect(Month(day).description == "2026-11")
        #expect(Month(day).shortName == "Nov 2026")
        let range = Month.range(Month(year: 2026, month: 11), Month(year: 2027, month: 2)).map(\.description)
        #expect(range == ["2026-11", "2026-12", "2027-01", "2027-02"])
    }

    @Test func durationsAreNeverZero() {
        var i = Incident(id: RecordID.generate(.incident), title: "t", severity: .sev1, created: Timestamp(seconds: 0))
        i.started = Timestamp(seconds: 1000)
        i.detected = Timestamp(seconds: 1000)
        i.contained = Timestamp(seconds: 1001)
        let d = Durations(i)
        #expect(d.toDetect == nil)
        #expect(d.toContain == 1)
        #expect(d.toResolve == nil)
    }
}
