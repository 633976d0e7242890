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
