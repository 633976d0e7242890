import Foundation
import Ink

/// Narrative sections (written in Markdown) as HTML for reports, through the Ink library.
///
/// Reports are read outside the team, so the narrative is rendered as Markdown but never as
/// markup of its own: raw HTML is shown as the text that was typed, images become links
/// (a report must open offline and load nothing), headings move below the report's own,
/// and the whole result goes through `HTMLSanitizer`.
enum MarkdownHTML {
    /// `markdown` as sanitized HTML; an empty string for empty input.
    static func render(_ markdown: String) -> String {
        let text = markdown.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        return HTMLSanitizer.sanitize(parser().html(from: text))
    }

    /// A parser with our modifiers. Made per call: its closures are not `Sendable`, and a
    /// parser is a few closures, far cheaper than the parse itself.
    private static func parser() -> MarkdownParser {
        MarkdownParser(modifiers: [
            Modifier(target: .html) { input in HTML.escape(String(input.markdown)) },
            Modifier(target: .images) { input in image(String(input.markdown)) },
            Modifier(target: .headings) { input in demote(input.html) },
        ])
    }

    /// `![alt](url)` as a link labelled with its alt text, or as text when the URL may not
    /// be a link.
    static func image(_ markdown: String) -> String {
        guard markdown.hasPrefix("!["), markdown.hasSuffix(")"),
              let split = markdown.range(of: "](") else { return HTML.escape(markdown) }
        let alt = String(markdown[markdown.index(markdown.startIndex, offsetBy: 2)..<split.lowerBound])
        let url = String(markdown[split.upperBound..<markdown.index(before: markdown.endIndex)])
        let label = "image: " + (alt.isEmpty ? url : alt)
        guard let href = SafeURL.inText(url) else { return HTML.escape("[\(label)]") }
        return "<a href=\"\(HTML.escape(href))\">[\(HTML.escape(label))]</a>"
    }

    /// A report's own headings are h1 and h2, so `# Heading` in a narrative becomes h3, and
    /// so on down to h6.
    static func demote(_ html: String) -> String {
        guard html.hasPrefix("<h"), html.count > 9,
              let level = html.dropFirst(2).first?.wholeNumberValue else { return html }
        let to = min(level + 2, 6)
        let inner = html.dropFirst(4).dropLast(5)
        return "<h\(to)>\(inner)</h\(to)>"
    }
}
