/// Coordinates for SVG: one decimal at most, no exponent, no locale.
enum SVGNumber {
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }
}

/// A round upper bound and step for a value axis that starts at zero: about five steps of
/// 1, 2 or 5 times a power of ten.
struct NiceScale {
    let max: Double
    let step: Double

    init(maximum: Double, ticks: Int = 5) {
        let top = maximum > 0 ? maximum : 1
        let raw = top / Double(ticks)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        self.step = step
        self.max = (top / step).rounded(.up) * step
    }

    var ticks: [Double] {
        var out: [Double] = []
        var v = 0.0
        while v <= max + step / 1000 {
            out.append(v)
            v += step
        }
        return out
    }

    /// A tick's label: no decimals for whole numbers.
    static func label(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : SVGNumber.format(v)
    }
}
