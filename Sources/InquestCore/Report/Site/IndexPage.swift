/// The site's front page: every incident in a table that can be filtered by severity and
/// status. The filters are radio buttons and CSS sibling rules, so they work with scripts
/// off; the inline script only keeps a count of the rows shown.
enum IndexPage {
    static let statuses = IncidentStatus.allCases.map(\.rawValue)
    static let severities = Severity.allCases.map(\.rawValue)

    static func render(_ bundles: [IncidentBundle], today: Day) -> String {
        let sorted = bundles.sorted { ($0.incident.startedOrCreated, $0.incident.id) > ($1.incident.startedOrCreated, $1.incident.id) }
        return PageShell.page(title: "Incidents — Inquest", nav: SitePages.nav(current: SitePages.index, depth: 0),
                              generated: today, extraCSS: filterCSS, script: script,
                              capacity: 4096 + sorted.count * 700) { w in
            w.element("h1", text: "Incidents")
            let open = bundles.filter { $0.incident.status == .open }.count
            w.element("p", ["class": "summary-line"],
                      text: "\(plural(bundles.count, "incident")), \(open) open. Choose a severity or a status to narrow the list.")
            for (name, values) in [("severity", severities), ("status", statuses)] {
                for value in ["all"] + values {
                    w.void("input", ["type": "radio", "class": "filter-input", "name": name, "id": "f-\(name)-\(value)",
                                     "value": value, "checked": value == "all" ? "" : nil])
                }
            }
            w.element("div", ["class": "filters"]) { w in
                for (name, values) in [("severity", severities), ("status", statuses)] {
                    w.element("fieldset") { w in
                        w.element("legend", text: name.prefix(1).uppercased() + name.dropFirst())
                        for value in ["all"] + values {
                            w.element("label", ["for": "f-\(name)-\(value)"], text: value)
                        }
                    }
                }
            }
            w.element("p", ["class": "summary-line", "id": "shown", "aria-live": "polite"],
                      text: plural(bundles.count, "incident"))
            guard !sorted.isEmpty else {
                w.element("p", ["class": "empty"], text: "No incidents on this branch yet.")
                return
            }
            let headers = ["Incident", "Severity", "Status", "Started", "Owner", "To detect", "To resolve", "Findings",
                           "Open follow-ups"]
            w.table(class: "incidents", headers: headers) { w in
                for b in sorted { row(b, &w) }
            }
        }
    }

    static func row(_ b: IncidentBundle, _ w: inout HTMLWriter) {
        let i = b.incident
        let d = Durations(i)
        w.element("tr", ["class": "sev-\(i.severity.rawValue) status-\(i.status.rawValue)",
                         "data-severity": i.severity.rawValue, "data-status": i.status.rawValue]) { w in
            w.element("td") { w in
                w.element("a", ["href": SitePages.incident(i.id)], text: i.title)
                w.void("br")
                w.element("span", ["class": "muted"], text: i.id.description)
            }
            w.element("td") { w in w.element("span", ["class": "badge \(i.severity.rawValue)"], text: i.severity.rawValue) }
            w.element("td", text: i.status.rawValue)
            w.element("td", ["class": "nowrap"], text: i.started.map { $0.day.description } ?? "unknown")
            w.element("td", text: i.owner ?? "none")
            w.element("td", ["class": "num"], text: d.text("time_to_detect"))
            w.element("td", ["class": "num"], text: d.text("time_to_resolve"))
            w.element("td", ["class": "num"], text: String(b.findings.count))
            w.element("td", ["class": "num"], text: String(b.followUps.filter { !$0.status.isResolved }.count))
        }
    }

    /// One rule per filter value: a checked radio hides the rows that do not match, and
    /// highlights its label. Severity and status rules apply together.
    static var filterCSS: String {
        var css = ""
        for (name, values, prefix) in [("severity", severities, "sev"), ("status", statuses, "status")] {
            for value in values {
                css += "#f-\(name)-\(value):checked~.table-scroll tbody tr:not(.\(prefix)-\(value)){display:none}\n"
            }
            for value in ["all"] + values {
                let id = "f-\(name)-\(value)"
                css += "#\(id):checked~.filters label[for=\"\(id)\"]{background:var(--fg);color:#fff;border-color:var(--fg)}\n"
                css += "#\(id):focus-visible~.filters label[for=\"\(id)\"]{outline:2px solid var(--accent)}\n"
            }
        }
        return css
    }

    /// Counts the rows the filters leave, for the line above the table.
    static let script = """
    (function () {
      "use strict";
      var rows = document.querySelectorAll("table.incidents tbody tr");
      var shown = document.getElementById("shown");
      function chosen(name) {
        var input = document.querySelector("input[name='" + name + "']:checked");
        return input ? input.value : "all";
      }
      function update() {
        var severity = chosen("severity"), status = chosen("status"), count = 0;
        for (var i = 0; i < rows.length; i++) {
          var row = rows[i];
          if ((severity === "all" || row.dataset.severity === severity) &&
              (status === "all" || row.dataset.status === status)) { count++; }
        }
        shown.textContent = "Showing " + count + " of " + rows.length + " incidents";
      }
      document.addEventListener("change", function (event) {
        if (event.target.classList.contains("filter-input")) { update(); }
      });
      update();
    })();
    """
}
