/// String helpers for the paths that run once per record when listing thousands of them.
/// Foundation's bridged string methods are several times slower on Linux.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        guard let r = nonBlankRange else { return "" }
        return String(self[r])
    }

    /// From the first to the last byte that is not a space or a tab. Bytes, not scalars:
    /// both are ASCII, and no byte of a multi-byte UTF-8 sequence can be taken for one; the
    /// end follows the last non-blank byte (a blank or the end), so it is a scalar boundary.
    var nonBlankRange: Range<Index>? {
        let u = utf8
        var first: Index?
        var end = u.startIndex
        var i = u.startIndex
        while i != u.endIndex {
            let next = u.index(after: i)
            if u[i] != 0x20 && u[i] != 0x09 {
                if first == nil { first = i }
                end = next
            }
            i = next
        }
        guard let first else { return nil }
        return first..<end
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
    /// Without leading and trailing spaces and tabs: the text itself, not a copy, when it
    /// has none (times are parsed from every row of a listing).
    var trimmedSpaces: String {
        guard let r = nonBlankRange else { return "" }
        return r == startIndex..<endIndex ? self : String(self[r])
    }

    /// The lines between LF bytes (none dropped, so `joined(separator: "\n")` gives the text
    /// back). Split on bytes, not characters: splitting a 50 MB record by grapheme takes
    /// minutes, and a character split misses the LF of a "\r\n" pair, which Swift reads as
    /// one character (a conflict marker after a CRLF line would go unseen).
    var lfLines: [Substring] {
        utf8.split(separator: 0x0a, omittingEmptySubsequences: false).map { Substring($0) }
    }
}
