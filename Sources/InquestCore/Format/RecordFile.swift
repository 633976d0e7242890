import Foundation

/// A record file split into its front matter (ordered, as written) and its Markdown body.
public struct RecordFile: Hashable, Sendable {
    public var frontMatter: [YAMLPair]
    public var body: String

    public init(frontMatter: [YAMLPair], body: String) {
        self.frontMatter = frontMatter
        self.body = body
    }

    public subscript(key: String) -> YAMLValue? {
        get { frontMatter.first { $0.key == key }?.value }
    }

    public func line(of key: String) -> Int? { frontMatter.first { $0.key == key }?.line }

    /// The canonical bytes: `---`, front matter, `---`, the body; LF, one trailing newline.
    public func serialized() -> Data {
        var text = "---\n" + YAMLEmitter.emit(frontMatter) + "---\n"
        let body = self.body.trimmingTrailingNewlines()
        if !body.isEmpty {
            text += "\n" + body.trimmingLeadingBlankLines() + "\n"
        }
        return Data(text.utf8)
    }

    /// Reads a record file, reporting problems with the file name and line.
    public static func parse(_ data: Data, path: String) throws -> RecordFile {
        if data.count > RecordLimits.maxRecordBytes { throw tooLarge(data.count, path: path) }
        guard var text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data)
            throw Problem(path: path, line: lineOfByte(offset, in: data),
                          "not valid UTF-8 (byte \(offset))").asError
        }
        if text.hasPrefix("\u{feff}") { text.removeFirst() }
        if text.utf8.contains(13) { text = normalizingLineEnds(text) }

        let lines = text.lfLines
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            throw Problem(path: path, line: 1,
                          "no front matter: a record starts with a line '---', then YAML, then '---'").asError
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces() == "---" }) else {
            throw Problem(path: path, line: 1, "front matter is not closed by a line '---'").asError
        }
        let body = lines[(end + 1)...].joined(separator: "\n")
        if let pairs = CanonicalFrontMatter.parse(lines[1..<end], firstLine: 2) {
            return RecordFile(frontMatter: pairs, body: body)
        }
        let yaml = lines[1..<end].joined(separator: "\n") + "\n"
        let pairs = try FrontMatterParser.parse(yaml, path: path, firstLine: 2)
        return RecordFile(frontMatter: pairs, body: body)
    }

    /// CRLF (and any run of CRs before an LF) becomes LF. One pass that leaves no CR before
    /// an LF: replacing "\r\n" once would turn "\r\r\n" into "\r\n" again, and Swift reads
    /// "\r\n" as one character, so a split at "\n" would miss that line end and the next
    /// read would find it (the fuzzer found this: writing was not stable).
    static func normalizingLineEnds(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var carriageReturns = 0
        for scalar in text.unicodeScalars {
            if scalar == "\r" { carriageReturns += 1; continue }
            if scalar != "\n" {
                out.append(contentsOf: repeatElement("\r" as Unicode.Scalar, count: carriageReturns))
            }
            carriageReturns = 0
            out.append(scalar)
        }
        out.append(contentsOf: repeatElement("\r" as Unicode.Scalar, count: carriageReturns))
        return String(out)
    }

    /// The problem of a record over `RecordLimits.maxRecordBytes`, for readers that learn
    /// the size before reading the bytes.
    public static func tooLarge(_ size: Int, path: String) -> InquestError {
        Problem(path: path, "is \(size) bytes, more than the limit of \(RecordLimits.maxRecordBytes) bytes for a record").asError
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        // Decode prefix by prefix is quadratic; walk the bytes instead.
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len: Int
            if b < 0x80 { len = 1 } else if b & 0xe0 == 0xc0 { len = 2 } else if b & 0xf0 == 0xe0 { len = 3 }
            else if b & 0xf8 == 0xf0 { len = 4 } else { return i }
            if i + len > bytes.count { return i }
            if String(validating: bytes[i..<(i + len)], as: UTF8.self) == nil { return i }
            i += len
        }
        return i
    }

    private static func lineOfByte(_ offset: Int, in data: Data) -> Int {
        1 + data.prefix(offset).reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
    }
}

extension StringProtocol {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let c = s.last, c.isNewline || c == " " || c == "\t" {
            // Keep trailing spaces inside a line that is not blank.
            if c.isNewline { s = s.dropLast(); continue }
            let lineStart = s.lastIndex(of: "\n").map { s.index(after: $0) } ?? s.startIndex
            if s[lineStart...].allSatisfy({ $0 == " " || $0 == "\t" }) { s = s[..<lineStart] } else { break }
        }
        return String(s)
    }

    func trimmingLeadingBlankLines() -> String {
        // Drop whole lines made only of spaces and tabs, up to the first line with text.
        var start = utf8.startIndex
        var i = start
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == 0x0a { start = utf8.index(after: i) } else if b != 0x20 && b != 0x09 { break }
            i = utf8.index(after: i)
        }
        if i == utf8.endIndex { return "" }
        return start == utf8.startIndex ? self : String(self[start...])
    }

    /// Trimmed of blank lines at both ends, as section text is stored.
    var trimmedBlock: String { trimmingTrailingNewlines().trimmingLeadingBlankLines() }
}
