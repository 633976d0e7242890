/// What a value written through the CLI must be so that reading it back gives it byte for
/// byte (docs/robustness.md, "Round trips"). Where the canonical format could not keep a
/// value exactly, the write is refused with the reason instead of storing something else;
/// where it can keep it by encoding (a `## ` heading inside section text, YAML-special
/// characters, every Unicode plane), the format encodes it and these rules stay silent.
public enum StoredText {
    /// Why `s` cannot be written as a one-line field (title, owner, note, …), or nil.
    /// Empty is allowed (the caller decides whether it clears or is missing).
    public static func oneLineProblem(_ s: String) -> String? {
        if let p = TextRules.singleLineProblem(s) { return p }
        if let first = s.first, let last = s.last, first.isWhitespace || last.isWhitespace {
            return s.allSatisfy(\.isWhitespace)
                ? "is only spaces; give a value, or an empty one to clear it"
                : "starts or ends with a space, which Inquest does not keep; remove it"
        }
        return nil
    }

    /// Why `s` cannot be written as narrative text (a section, a timeline event's text, a
    /// finding's or follow-up's narrative), or nil. Line breaks and tabs are text.
    public static func narrativeProblem(_ s: String) -> String? {
        if let p = TextRules.narrativeProblem(s) { return p }
        if s.unicodeScalars.contains("\r") {
            return "contains a carriage return (CR or CRLF line ends); Inquest stores LF line ends: convert the text first (for example with `tr -d '\\r'`)"
        }
        for line in s.lfLines where line.hasPrefix("<<<<<<<") || line.hasPrefix(">>>>>>>") {
            return "has a line starting with a merge-conflict marker ('\(line.prefix(7))'), which `check` and the hooks refuse in records; indent it or quote it"
        }
        if s.trimmedBlock != s {
            return "starts or ends with a line break or a blank line, which Inquest does not keep; remove it"
        }
        return nil
    }
}
