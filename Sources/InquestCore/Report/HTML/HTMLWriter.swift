/// Builds HTML and inline SVG as text. Element and attribute names come from code; every
/// value and text that comes from data goes through `HTML.escape` on the way in, so a
/// page built only with `text` and attribute values cannot carry markup from a record.
/// `raw` is for constants and for the sanitized output of the Markdown renderer.
struct HTMLWriter {
    private(set) var output = ""

    init(capacity: Int = 8192) { output.reserveCapacity(capacity) }

    /// An attribute; a nil value leaves it out, an empty one writes a boolean attribute.
    typealias Attributes = KeyValuePairs<String, String?>

    mutating func text(_ s: String) { HTML.escape(s, into: &output) }

    mutating func raw(_ s: String) { output += s }

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        output += "<"
        output += name
        for (key, value) in attributes {
            guard let value else { continue }
            output += " "
            output += key
            if !value.isEmpty {
                output += "=\""
                HTML.escape(value, into: &output)
                output += "\""
            }
        }
        output += ">"
    }

    mutating func close(_ name: String) {
        output += "</"
        output += name
        output += ">"
    }

    /// An element with no content and no end tag (`meta`, `input`, `br`), or an empty SVG
    /// element written self-closed.
    mutating func void(_ name: String, _ attributes: Attributes = [:], selfClosing: Bool = false) {
        open(name, attributes)
        if selfClosing {
            output.removeLast()
            output += "/>"
        }
    }

    mutating func element(_ name: String, _ attributes: Attributes = [:], _ body: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    mutating func element(_ name: String, _ attributes: Attributes = [:], text: String) {
        open(name, attributes)
        self.text(text)
        close(name)
    }

    /// A data table in a box that scrolls sideways on narrow screens, with one header row of
    /// column headings; `rows` writes the body's rows.
    mutating func table(class name: String? = nil, headers: [String], rows: (inout HTMLWriter) -> Void) {
        element("div", ["class": "table-scroll"]) { w in
            w.element("table", ["class": name]) { w in
                w.element("thead") { w in
                    w.element("tr") { w in
                        for h in headers { w.element("th", ["scope": "col"], text: h) }
                    }
                }
                w.element("tbody") { w in rows(&w) }
            }
        }
    }

    mutating func newline() { output += "\n" }
}
