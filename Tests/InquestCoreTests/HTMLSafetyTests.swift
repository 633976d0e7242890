import Foundation
import Testing
@testable import InquestCore

/// Narratives are written by anyone with push access and read outside the team: nothing a
/// record holds may become markup, a script, a loaded resource or a dangerous link.
@Suite struct HTMLSafetyTests {
    @Test func escapingCoversTextAndAttributes() {
        #expect(HTML.escape(#"<a href="x" title='y'>&</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        // Code points HTML forbids become U+FFFD rather than breaking the page.
        #expect(HTML.escape("a\u{1}b\u{85}c\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(HTML.escape("tab\tline\n") == "tab\tline\n")
    }

    @Test func markdownIsRenderedButRawHTMLIsShownAsText() {
        let html = MarkdownHTML.render("Some **bold** and `code`.\n\n<script>alert(1)</script>\n\n<b onclick=\"x()\">hi</b>")
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("<code>code</code>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<b ") && !html.contains("onclick=\""))
    }

    @Test(arguments: [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
        "[x](a\"onmouseover=\"alert(1))",
        "&<img src=x onerror=alert(1)>;",
        "&<script>alert(1)</script>;",
        "![pic](https://tracker.example/pixel.png)",
        "![pic](javascript:alert(1))",
        "```\"><script>alert(1)</script>\ncode\n```",
        "| a | b |\n|:-|-:|\n| <i>x</i> | y |",
    ])
    func hostileMarkdownCannotEscape(_ markdown: String) {
        let html = MarkdownHTML.render(markdown)
        // Text may say anything once escaped; the tags are what a browser acts on.
        var tags: [String] = []
        var rest = Substring(html.lowercased())
        while let open = rest.firstIndex(of: "<") {
            let close = rest[open...].firstIndex(of: ">") ?? rest.endIndex
            tags.append(String(rest[open..<close]))
            rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
        }
        let badAttribute = try! NSRegularExpression(pattern: #"(^|[\s"'/])(on[a-z]+|src|srcset|style|formaction)\s*="#)
        for tag in tags {
            let name = tag.dropFirst().prefix { $0.isLetter || $0.isNumber }
            #expect(!["script", "img", "iframe", "object", "embed", "style", "link", "svg"].contains(String(name)), "\(tag)")
            #expect(badAttribute.firstMatch(in: tag, range: NSRange(tag.startIndex..., in: tag)) == nil, "\(tag) in \(html)")
            #expect(!tag.contains("javascript:") && !tag.contains("data:") && !tag.contains("vbscript:"), "\(tag)")
        }
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<i>"))
        // Whatever came in, what goes out parses to the same thing again: no stray markup.
        #expect(HTMLSanitizer.sanitize(html) == html)
    }

    @Test func safeLinksAndImagesBecomeLinks() {
        let html = MarkdownHTML.render("[docs](https://example.com/a?b=1&c=2) and ![graph](https://example.com/g.png)")
        #expect(html.contains(#"<a href="https://example.com/a?b=1&amp;c=2">docs</a>"#))
        #expect(html.contains(#"<a href="https://example.com/g.png">[image: graph]</a>"#))
    }

    @Test func narrativeHeadingsGoBelowTheReportsOwn() {
        let html = MarkdownHTML.render("# Root cause\n\ntext\n\n## Detail")
        #expect(html.contains("<h3>Root cause</h3>"))
        #expect(html.contains("<h4>Detail</h4>"))
        #expect(!html.contains("<h1>") && !html.contains("<h2>"))
    }

    @Test func sanitizerKeepsStructureAndDropsTheRest() {
        #expect(HTMLSanitizer.sanitize("<p>a<em>b</p>") == "<p>a<em>b</em></p>")
        #expect(HTMLSanitizer.sanitize("</p>x<br>") == "x<br>")
        #expect(HTMLSanitizer.sanitize("<th align=\"right\">n</th>") == "<th class=\"align-right\">n</th>")
        #expect(HTMLSanitizer.sanitize("<ol start=\"3\"><li>c</li></ol>") == "<ol start=\"3\"><li>c</li></ol>")
        #expect(HTMLSanitizer.sanitize("<iframe src=x></iframe>") == "&lt;iframe src=x&gt;&lt;/iframe&gt;")
        #expect(HTMLSanitizer.sanitize("a &copy; &bogus; &#60; &#0;") == "a &copy; &amp;bogus; &#60; &amp;#0;")
        #expect(HTMLSanitizer.sanitize("<a href=\"&#106;avascript:x\">t</a>") == "t")
    }

    @Test func onlyWebAndMailAddressesAreAbsoluteLinks() {
        #expect(SafeURL.absolute("https://tracker.example/BUG-1") != nil)
        #expect(SafeURL.absolute("mailto:sec@example.com") != nil)
        #expect(SafeURL.absolute("docs/runbook.md") == nil)
        #expect(SafeURL.absolute("javascript:alert(1)") == nil)
        #expect(SafeURL.absolute("https://a.example/x y") == nil)
        #expect(SafeURL.inText("docs/runbook.md") == "docs/runbook.md")
        #expect(SafeURL.inText("#F-1234") == "#F-1234")
        #expect(SafeURL.inText(" javascript:x") == nil)
    }
}
