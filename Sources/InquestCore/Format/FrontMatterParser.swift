/// Reads front matter into ordered pairs with the line each key was written on, through
/// `YAMLReader`, so anchors, aliases, tags, merge keys and hostile nesting are refused
/// before anything is built.
enum FrontMatterParser {
    static func parse(_ yaml: String, path: String, firstLine: Int) throws -> [YAMLPair] {
        if yaml.utf8.count > RecordLimits.maxFrontMatterBytes {
            throw Problem(path: path, line: firstLine,
                          "front matter is \(yaml.utf8.count) bytes, more than the limit of \(RecordLimits.maxFrontMatterBytes)").asError
        }
        let root: YAMLValue?
        do {
            root = try YAMLReader.read(yaml, firstLine: firstLine)
        } catch {
            throw Problem(path: path, line: error.line, field: error.key,
                          error.isSyntaxError ? "front matter is not valid YAML: \(error.message)"
                                               : "front matter is refused: \(error.message)").asError
        }
        guard let root else { return [] }
        if root.isNull { return [] }
        guard case .map(let pairs) = root else {
            throw Problem(path: path, line: firstLine, "front matter must be a mapping of `key: value` lines").asError
        }
        return pairs
    }
}
