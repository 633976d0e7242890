/// Horizontal bars, one per category, with the count at the end of each bar.
struct BarChartSVG {
    let id: String
    let title: String
    let bars: [(label: String, value: Int)]

    static let width = 960.0
    static let labelRight = 230.0, barLeft = 240.0, barRight = 900.0
    static let rowHeight = 30.0

    func write(into w: inout HTMLWriter) {
        let f = SVGNumber.format
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        let height = Double(bars.count) * Self.rowHeight + 10
        w.open("svg", ["class": "chart bar-chart", "viewBox": "0 0 \(f(Self.width)) \(f(height))",
                       "role": "img", "aria-labelledby": "\(id)-title"])
        w.element("title", ["id": "\(id)-title"], text: title)
        for (i, bar) in bars.enumerated() {
            let y = 5 + Double(i) * Self.rowHeight
            let length = (Self.barRight - Self.barLeft) * Double(bar.value) / Double(maximum)
            w.element("text", ["class": "label", "x": f(Self.labelRight), "y": f(y + 19), "text-anchor": "end"],
                      text: bar.label)
            w.open("rect", ["class": "bar", "x": f(Self.barLeft), "y": f(y + 4), "width": f(max(length, 1)),
                            "height": f(Self.rowHeight - 10)])
            w.element("title", text: "\(bar.label): \(bar.value)")
            w.close("rect")
            w.element("text", ["x": f(Self.barLeft + max(length, 1) + 6), "y": f(y + 19)], text: String(bar.value))
        }
        w.close("svg")
    }
}
