import Foundation

/// A line chart over evenly spaced categories (months, weeks). A missing value breaks its
/// line rather than being drawn as zero.
struct LineChartSVG {
    struct Series {
        let name: String
        let values: [Double?]
    }

    /// How values map to height.
    enum Axis {
        /// From zero, in round steps; `unit` names what is counted (`follow-ups`).
        case linear(unit: String)
        /// Durations in seconds on a log scale, so minutes and days both stay readable,
        /// with ticks at 1m, 10m, 1h, 6h, 1d, 7d, 30d and 1y as the values need.
        case durations
    }

    /// Unique within the page; names the chart's title for screen readers.
    let id: String
    let title: String
    let xLabels: [String]
    let series: [Series]
    let axis: Axis

    static let width = 960.0, height = 300.0
    static let left = 70.0, right = 900.0, top = 16.0, bottom = 252.0
    static let durationTicks: [Double] = [60, 600, 3600, 21600, 86400, 604_800, 2_592_000, 31_536_000]

    /// The value axis: where a value goes (0 at the bottom, 1 at the top), and its ticks.
    private func scale() -> (position: (Double) -> Double, ticks: [(value: Double, label: String)], unit: String) {
        let values = series.flatMap { $0.values.compactMap { $0 } }
        switch axis {
        case .linear(let unit):
            let nice = NiceScale(maximum: values.max() ?? 0)
            return ({ $0 / nice.max }, nice.ticks.map { ($0, NiceScale.label($0)) }, unit)
        case .durations:
            let ticks = Self.durationTicks
            let lo = ticks.last { $0 <= (values.min() ?? 60) } ?? ticks[0]
            let hi = ticks.first { $0 >= (values.max() ?? 3600) && $0 > lo } ?? ticks[ticks.count - 1]
            let position = { (v: Double) in (log(max(v, lo)) - log(lo)) / (log(hi) - log(lo)) }
            return (position, ticks.filter { $0 >= lo && $0 <= hi }.map { ($0, humanDuration(Int64($0))) },
                    "time (log scale)")
        }
    }

    func write(into w: inout HTMLWriter) {
        let f = SVGNumber.format
        let (position, ticks, unit) = scale()
        let n = xLabels.count
        func x(_ i: Int) -> Double {
            n <= 1 ? (Self.left + Self.right) / 2 : Self.left + (Self.right - Self.left) * Double(i) / Double(n - 1)
        }
        func y(_ v: Double) -> Double { Self.bottom - (Self.bottom - Self.top) * position(v) }
        func label(_ v: Double) -> String {
            if case .durations = axis { return humanDuration(Int64(v)) }
            return NiceScale.label((v * 10).rounded() / 10)
        }

        w.open("svg", ["class": "chart line-chart", "viewBox": "0 0 \(f(Self.width)) \(f(Self.height))",
                       "role": "img", "aria-labelledby": "\(id)-title"])
        w.element("title", ["id": "\(id)-title"], text: title)
        for (k, tick) in ticks.enumerated() {
            let ty = y(tick.value)
            w.void("line", ["class": k == 0 ? "axis" : "grid", "x1": f(Self.left), "y1": f(ty), "x2": f(Self.right),
                            "y2": f(ty)], selfClosing: true)
            w.element("text", ["x": f(Self.left - 8), "y": f(ty + 4), "text-anchor": "end"], text: tick.label)
        }
        let middle = f((Self.top + Self.bottom) / 2)
        w.element("text", ["x": "14", "y": middle, "text-anchor": "middle", "transform": "rotate(-90 14 \(middle))"],
                  text: unit)
        // At most about twelve labels, so they never overlap.
        let every = max(1, (n + 11) / 12)
        for (i, text) in xLabels.enumerated() where i % every == 0 {
            w.element("text", ["x": f(x(i)), "y": f(Self.bottom + 20), "text-anchor": "middle"], text: text)
        }
        for (s, serie) in series.enumerated() {
            var path = ""
            var drawing = false
            for (i, v) in serie.values.enumerated() {
                guard let v else {
                    drawing = false
                    continue
                }
                path += (drawing ? " L" : (path.isEmpty ? "M" : " M")) + "\(f(x(i))) \(f(y(v)))"
                drawing = true
            }
            if !path.isEmpty {
                w.void("path", ["class": "line series-\(s)", "d": path], selfClosing: true)
            }
            for (i, v) in serie.values.enumerated() {
                guard let v else { continue }
                w.open("circle", ["class": "series-\(s)", "cx": f(x(i)), "cy": f(y(v)), "r": "3.5"])
                w.element("title", text: "\(serie.name), \(xLabels[i]): \(label(v))")
                w.close("circle")
            }
        }
        w.close("svg")
        w.element("ul", ["class": "legend"]) { w in
            for (s, serie) in series.enumerated() {
                w.element("li") { w in
                    w.element("span", ["class": "swatch series-bg-\(s)"], text: "")
                    w.text(serie.name)
                }
            }
        }
    }
}
