import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport

/// Markdown as a forge reads it: parsed by cmark-gfm (GitHub's CommonMark parser, with its
/// table extension; Debian package cmark-gfm, installed by scripts/lib/deps.sh) into its XML
/// syntax tree, so tests check the structure a pull-request comment really has.
struct CommonMarkDocument {
    /// One node of cmark's syntax tree.
    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        var ownText = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
        /// The text of this node and everything below it.
        var text: String { ownText + children.map(\.text).joined() }
        func all(_ name: String) -> [Node] {
            (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
        }
    }

    let root: Node

    init(markdown: String, sandbox: Sandbox) throws {
        let r = try sandbox.run("cmark-gfm", ["-e", "table", "-t", "xml"], cwd: "/", stdin: markdown)
        guard r.status == 0 else {
            throw Failure("cmark-gfm failed (\(r.status)): \(r.stderr); install it (scripts/lib/deps.sh)")
        }
        let builder = Builder()
        let parser = XMLParser(data: Data(r.stdout.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw Failure("cmark-gfm wrote XML that does not parse: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        self.root = root
    }

    var headings: [String] { root.all("heading").map(\.text) }

    /// Each table as rows of cell texts, the header row first.
    var tables: [[[String]]] {
        root.all("table").map { t in
            t.children.filter { $0.name == "table_header" || $0.name == "table_row" }.map { row in
                row.children.filter { $0.name == "table_cell" }.map(\.text)
            }
        }
    }

    func nodes(_ name: String) -> [Node] { root.all(name) }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [Node] = []
        var root: Node?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = Node(name: name, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let top = stack.last, ["text", "code", "code_block", "html_block", "html_inline"].contains(top.name) else { return }
            top.ownText += string
        }
    }
}
