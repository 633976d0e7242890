/// Which links a page may carry. Reports are opened from disk by people outside the team, so
/// a record can link only to the web or to mail; `javascript:`, `data:` and the like are
/// shown as text, never followed.
enum SafeURL {
    static let linkSchemes: Set<String> = ["http", "https", "mailto"]

    /// The scheme of `url` lowercased (`https`), or nil when it has none (a relative path),
    /// read as the URL standard reads it: a letter, then letters, digits, `+`, `-` or `.`,
    /// up to the first `:`. (Spaces and controls, which browsers strip, are refused before.)
    static func scheme(_ url: String) -> String? {
        var scheme = ""
        for c in url.unicodeScalars {
            if c == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let v = c.value
            let letter = (v >= 0x61 && v <= 0x7a) || (v >= 0x41 && v <= 0x5a)
            let other = (v >= 0x30 && v <= 0x39) || c == "+" || c == "-" || c == "."
            guard letter || (!scheme.isEmpty && other) else { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    /// `url` if it is an absolute web or mail address with no spaces or control characters.
    static func absolute(_ url: String) -> String? {
        guard isClean(url), let s = scheme(url), linkSchemes.contains(s) else { return nil }
        return url
    }

    /// `url` if it may be a link inside narrative text: an absolute web or mail address, a
    /// relative path or a `#fragment`.
    static func inText(_ url: String) -> String? {
        guard isClean(url), !url.isEmpty else { return nil }
        guard let s = scheme(url) else { return url }
        return linkSchemes.contains(s) ? url : nil
    }

    private static func isClean(_ url: String) -> Bool {
        !url.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7f || ($0.value >= 0x80 && $0.value <= 0x9f) }
    }
}
