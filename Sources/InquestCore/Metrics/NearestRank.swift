/// Percentiles by the nearest-rank method, the one the README documents: sort the n values
/// ascending; the p-th percentile is the value at rank ⌈p/100 × n⌉ (counting from 1, and at
/// least 1). The median is the 50th percentile by the same rule, so for an even count it is
/// the lower of the two middle values. Every result is a value that was observed, never an
/// interpolation, which keeps a "median time to detect" a real incident's time.
public enum NearestRank {
    /// The `p`-th percentile (0 < p ≤ 100) of `values`, or nil when there are none.
    public static func percentile(_ p: Int, of values: [Int64]) -> Int64? {
        percentile(p, ofSorted: values.sorted())
    }

    /// As `percentile(_:of:)`, of values already sorted ascending (several percentiles of
    /// the same values sort them once).
    static func percentile(_ p: Int, ofSorted sorted: [Int64]) -> Int64? {
        precondition(p > 0 && p <= 100, "percentile out of range")
        guard !sorted.isEmpty else { return nil }
        // ⌈p·n/100⌉ in integers: no floating point rounding at the boundaries.
        let rank = max(1, (p * sorted.count + 99) / 100)
        return sorted[rank - 1]
    }

    public static func median(_ values: [Int64]) -> Int64? { percentile(50, of: values) }
}

/// How many values, their median and their 90th percentile (nearest-rank).
public struct Spread: Hashable, Sendable {
    public let count: Int
    public let median: Int64?
    public let p90: Int64?

    public init(_ values: [Int64]) {
        let sorted = values.sorted()
        count = values.count
        median = NearestRank.percentile(50, ofSorted: sorted)
        p90 = NearestRank.percentile(90, ofSorted: sorted)
    }
}
