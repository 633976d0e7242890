/// Plain aligned columns for people; the last column is not padded.
struct Table {
    let headers: [String]
    private var rows: [[String]] = []
    /// Rows to mark (by index into `rows`), for instance overdue follow-ups in colour.
    private var marked: Set<Int> = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String], marked mark: Bool = false) {
        if mark { marked.insert(rows.count) }
        rows.append(row.map(TerminalText.unstyled))
    }

    /// `mark` wraps each marked row once padded, so escape codes never upset the alignment.
    func render(mark: (String) -> String = { $0 }) -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return all.enumerated().map { index, row in
            let line = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
            return index > 0 && marked.contains(index - 1) ? mark(line) : line
        }.joined(separator: "\n") + "\n"
    }
}
