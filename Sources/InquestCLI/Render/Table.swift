/// Plain aligned columns for people; the last column is not padded.
struct Table {
    let headers: [String]
    private var rows: [[String]] = []
    /// Rows to mark (by index into `rows`), for instance overdue follow-ups in colour.
    private var marked: Set<Int> = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String], marked mark: Bool = false) {
        if mark { marked.insert(rows.count) }
        var row = row
        for i in row.indices { row[i] = TerminalText.unstyled(row[i]) }
        rows.append(row)
    }

    /// `mark` wraps each marked row once padded, so escape codes never upset the alignment.
    func render(mark: (String) -> String = { $0 }) -> String {
        var widths = headers.map(Self.width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.width(cell)) } }
        // Bytes, appended in place and made a string once: a listing has tens of thousands of
        // cells, and appending each to a String cost more than the rest of the rendering.
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (rows.count + 1))
        func append(_ row: [String], to line: inout [UInt8]) {
            for (i, cell) in row.enumerated() {
                if i > 0 { line.append(0x20); line.append(0x20) }
                line.append(contentsOf: cell.utf8)
                if i < row.count - 1 {
                    let pad = widths[i] - Self.width(cell)
                    if pad > 0 { line.append(contentsOf: repeatElement(0x20, count: pad)) }
                }
            }
        }
        append(headers, to: &out)
        for (index, row) in rows.enumerated() {
            out.append(0x0A)
            if marked.contains(index) {
                var line: [UInt8] = []
                append(row, to: &line)
                out.append(contentsOf: mark(String(decoding: line, as: UTF8.self)).utf8)
            } else {
                append(row, to: &out)
            }
        }
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// How many characters wide a cell is (`String.count`), without walking its grapheme
    /// clusters when every byte is printable ASCII, one character each.
    static func width(_ cell: String) -> Int {
        let printable = cell.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        } ?? cell.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        return printable ? cell.utf8.count : cell.count
    }
}
