import Yams

/// Reads front matter into ordered pairs with the line each key was written on.
enum FrontMatterParser {
    static func parse(_ yaml: String, path: String, firstLine: Int) throws -> [YAMLPair] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Problem(path: path, line: line(of: error).map { $0 + firstLine - 1 },
                          "front matter is not valid YAML: \(problem(of: error))").asError
        } catch {
            throw Problem(path: path, line: firstLine, "front matter is not valid YAML: \(error)").asError
        }
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            throw Problem(path: path, line: firstLine, "front matter must be a mapping of `key: value` lines").asError
        }
        return try pairs(mapping, path: path, offset: firstLine - 1)
    }

    private static func pairs(_ mapping: Node.Mapping, path: String, offset: Int) throws -> [YAMLPair] {
        var seen = Set<String>()
        var out: [YAMLPair] = []
        for (k, v) in mapping {
            let line = k.mark.map { $0.line + offset }
            guard case .scalar(let keyScalar) = k else {
                throw Problem(path: path, line: line, "front-matter keys must be plain words").asError
            }
            let key = keyScalar.string
            guard seen.insert(key).inserted else {
                throw Problem(path: path, line: line, field: key, "key appears twice").asError
            }
            out.append(YAMLPair(key, try value(v, path: path, offset: offset, key: key), line: line))
        }
        return out
    }

    private static func value(_ node: Node, path: String, offset: Int, key: String) throws -> YAMLValue {
        switch node {
        case .scalar(let s):
            return .scalar(s.string, plain: s.style == .plain)
        case .sequence(let seq):
            return .list(try seq.map { try value($0, path: path, offset: offset, key: key) })
        case .mapping(let m):
            return .map(try pairs(m, path: path, offset: offset))
        case .alias(let a):
            throw Problem(path: path, line: a.mark.map { $0.line + offset }, field: key,
                          "YAML aliases are not supported in records").asError
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            if let context { return "\(problem) (\(context.text))" }
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys: \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
