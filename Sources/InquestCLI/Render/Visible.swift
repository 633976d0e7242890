/// Text from git (commit subjects, tag names) is written by whoever made the commit: its
/// control characters are shown as control pictures (U+2400…) so none reaches the terminal.
enum Visible {
    static func text(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u -> Unicode.Scalar in
            let v = u.value
            if v < 0x20 { return Unicode.Scalar(0x2400 + v)! }
            if v == 0x7f { return Unicode.Scalar(0x2421)! }
            if v >= 0x80 && v < 0xa0 { return Unicode.Scalar(0xfffd)! }
            return u
        }))
    }
}
