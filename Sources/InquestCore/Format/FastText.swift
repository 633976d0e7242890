/// String helpers for the paths that run once per record when listing thousands of them.
/// Foundation's bridged string methods are several times slower on Linux.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        let u = unicodeScalars
        guard let first = u.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = u.lastIndex(where: { $0 != " " && $0 != "\t" })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: u[first...last])
        return String(out)
    }

    /// Whether two given ASCII characters occur one after the other.
    func containsPair(_ a: UInt8, _ b: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if previous == a && byte == b { return true }
            previous = byte
        }
        return false
    }
}

extension String {
    /// The lines between LF bytes (none dropped, so `joined(separator: "\n")` gives the text
    /// back). Split on bytes, not characters: splitting a 50 MB record by grapheme takes
    /// minutes, and a character split misses the LF of a "\r\n" pair, which Swift reads as
    /// one character (a conflict marker after a CRLF line would go unseen).
    var lfLines: [Substring] {
        utf8.split(separator: 0x0a, omittingEmptySubsequences: false).map { Substring($0) }
    }
}
