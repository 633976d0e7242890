/// An incident's timeline as a picture: a time axis, the phases it went through as coloured
/// bands (started → detected → contained → resolved), and each event as a numbered dot that
/// matches the row of the timeline table.
struct TimelineSVG {
    /// One band between two known phase times.
    struct Band {
        let from: Int64
        let to: Int64
        let name: String
        let cssClass: String
    }

    static let width = 960.0
    static let left = 24.0
    static let right = 936.0

    let incident: Incident
    let events: [TimelineEvent]

    /// The phases as the report names them, in the order an incident goes through them.
    static let phases: [(field: String, label: String)] = [
        ("started", "started"), ("detected", "detected"), ("contained", "contained"), ("resolved", "resolved"),
    ]

    /// Bands between consecutive phases whose times are both known and in order.
    var bands: [Band] {
        let names = [("undetected", "phase-undetected"), ("uncontained", "phase-uncontained"),
                     ("recovering", "phase-recovering")]
        var out: [Band] = []
        for (i, (name, css)) in names.enumerated() {
            guard let a = incident.time(Self.phases[i].field), let b = incident.time(Self.phases[i + 1].field),
                  b.seconds > a.seconds else { continue }
            out.append(Band(from: a.seconds, to: b.seconds, name: name, cssClass: css))
        }
        return out
    }

    /// Every time the picture must show, or empty when nothing has a time.
    var times: [Int64] {
        Self.phases.compactMap { incident.time($0.field)?.seconds } + events.map(\.at.seconds)
    }

    /// Writes a `figure` with the picture and its legend, or a note when there are no times.
    func write(into w: inout HTMLWriter) {
        let times = self.times
        guard let lo = times.min(), let hi = times.max() else {
            w.element("p", ["class": "empty"], text: "No times recorded yet.")
            return
        }
        // Some room either side so the first and last dots are not cut in half.
        let span = max(hi - lo, 3600)
        let pad = span / 25
        let start = lo - pad, end = lo + span + pad
        func x(_ t: Int64) -> Double {
            Self.left + (Self.right - Self.left) * Double(t - start) / Double(end - start)
        }

        // Phase names above the bands, in as many rows as keep them apart.
        var phaseMarks: [(x: Double, label: String, row: Int)] = []
        var rowEnds: [Double] = []
        for phase in Self.phases {
            guard let t = incident.time(phase.field) else { continue }
            let px = x(t.seconds)
            let widthEstimate = Double(phase.label.count) * 7 + 8
            let row = rowEnds.firstIndex { $0 < px - widthEstimate / 2 } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(0) }
            rowEnds[row] = px + widthEstimate / 2
            phaseMarks.append((px, phase.label, row))
        }
        let bandTop = 10 + Double(max(rowEnds.count, 1)) * 15
        let bandHeight = 26.0
        let axisY = bandTop + bandHeight + 10

        // Event dots in lanes below the axis, each lane keeping its dots a dot apart.
        var laneEnds: [Double] = []
        var dots: [(x: Double, lane: Int, event: TimelineEvent, number: Int)] = []
        for (i, e) in events.enumerated() {
            let px = x(e.at.seconds)
            let lane = laneEnds.firstIndex { $0 + 23 <= px } ?? laneEnds.count
            if lane == laneEnds.count { laneEnds.append(0) }
            laneEnds[lane] = px
            dots.append((px, lane, e, i + 1))
        }
        let lanesTop = axisY + 58
        let height = lanesTop + Double(max(laneEnds.count, 1)) * 26 + 4
        let f = SVGNumber.format

        w.open("figure", ["class": "timeline-figure"])
        w.open("svg", ["class": "chart timeline-chart", "viewBox": "0 0 \(f(Self.width)) \(f(height))",
                       "role": "img", "aria-labelledby": "timeline-title"])
        w.element("title", ["id": "timeline-title"],
                  text: "Timeline of \(incident.id): \(plural(events.count, "event"))" + bands.map { "; \($0.name) \(humanDuration($0.to - $0.from))" }.joined())
        for band in bands {
            let x0 = x(band.from), x1 = x(band.to)
            w.open("g", ["class": "band"])
            w.element("title", text: "\(band.name): \(humanDuration(band.to - band.from))")
            w.void("rect", ["class": band.cssClass, "x": f(x0), "y": f(bandTop), "width": f(max(x1 - x0, 1)),
                            "height": f(bandHeight)], selfClosing: true)
            let label = "\(band.name) · \(humanDuration(band.to - band.from))"
            if x1 - x0 > Double(label.count) * 6.6 + 10 {
                w.element("text", ["class": "label", "x": f((x0 + x1) / 2), "y": f(bandTop + 17),
                                   "text-anchor": "middle"], text: label)
            }
            w.close("g")
        }
        for mark in phaseMarks {
            w.void("line", ["class": "grid", "x1": f(mark.x), "y1": f(bandTop - 2), "x2": f(mark.x),
                            "y2": f(height - 4), "stroke-dasharray": "3 3"], selfClosing: true)
            let anchor = mark.x < Self.left + 30 ? "start" : (mark.x > Self.right - 30 ? "end" : "middle")
            w.element("text", ["class": "label", "x": f(mark.x), "y": f(20 + Double(mark.row) * 15),
                               "text-anchor": anchor], text: mark.label)
        }
        w.void("line", ["class": "axis", "x1": f(Self.left), "y1": f(axisY), "x2": f(Self.right), "y2": f(axisY)],
               selfClosing: true)
        for tick in TimeTicks(from: start, to: end).ticks {
            let tx = x(tick.at)
            w.void("line", ["class": "axis", "x1": f(tx), "y1": f(axisY), "x2": f(tx), "y2": f(axisY + 5)],
                   selfClosing: true)
            w.element("text", ["x": f(tx), "y": f(axisY + 19), "text-anchor": "middle"], text: tick.label)
            if let context = tick.context {
                w.element("text", ["x": f(tx), "y": f(axisY + 33), "text-anchor": "middle"], text: context)
            }
        }
        for dot in dots {
            let cy = lanesTop + Double(dot.lane) * 26
            w.open("g", ["class": "event"])
            w.element("title", text: "\(dot.number). \(dot.event.at) \(dot.event.eventKind.rawValue): \(Self.firstLine(dot.event.text))")
            w.void("circle", ["class": Self.cssClass(dot.event.eventKind), "cx": f(dot.x), "cy": f(cy), "r": "10"],
                   selfClosing: true)
            w.element("text", ["class": "marker", "x": f(dot.x), "y": f(cy + 4), "text-anchor": "middle"],
                      text: String(dot.number))
            w.close("g")
        }
        w.close("svg")
        w.element("ul", ["class": "legend"]) { w in
            for (name, css) in [("undetected: started → detected", "phase-undetected"),
                                ("uncontained: detected → contained", "phase-uncontained"),
                                ("recovering: contained → resolved", "phase-recovering"), ("attacker activity", "ev-attack"), ("detection", "ev-detect"),
                                ("containment, eradication, recovery", "ev-contain"), ("other events", "ev-other")] {
                w.element("li") { w in
                    w.element("span", ["class": "swatch \(css)"], text: "")
                    w.text(name)
                }
            }
        }
        w.element("figcaption") { w in
            w.text("Events are numbered as in the table below; bands show how long the incident went undetected, uncontained and unresolved.")
        }
        w.close("figure")
    }

    static func cssClass(_ kind: EventKind) -> String {
        switch kind {
        case .attackerActivity: return "ev-attack"
        case .detection: return "ev-detect"
        case .containment, .eradication, .recovery: return "ev-contain"
        default: return "ev-other"
        }
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    }
}
