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
        // One string, appended to in place: a listing has tens of thousands of cells.
        var out = ""
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count) * (rows.count + 1))
        func append(_ row: [String], to line: inout String) {
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                line += cell
                if i < row.count - 1 {
                    for _ in 0..<(widths[i] - Self.width(cell)) { line.append(" ") }
                }
            }
        }
        append(headers, to: &out)
        for (index, row) in rows.enumerated() {
            out += "\n"
            if marked.contains(index) {
                var line = ""
                append(row, to: &line)
                out += mark(line)
            } else {
                append(row, to: &out)
            }
        }
        out += "\n"
        return out
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
