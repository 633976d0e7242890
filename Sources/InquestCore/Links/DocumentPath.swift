/// A path of a document in the code repository, as an SOP update names it.
public enum DocumentPath {
    /// The path in canonical form (`docs/x.md`), "" for an empty item, nil when it cannot be
    /// a relative path inside the repository (absolute, `..`, control characters).
    public static func normalize(_ raw: String) -> String? {
        var s = Substring(raw.trimmingCharacters(in: .whitespaces))
        if s.isEmpty { return "" }
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        guard !s.hasPrefix("/"), !s.contains("\\"), TextRules.singleLineProblem(String(s)) == nil else { return nil }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
        return parts.joined(separator: "/")
    }
}
