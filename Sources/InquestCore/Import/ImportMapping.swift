import Foundation

/// How the front matter and headings of someone else's Markdown postmortems become Inquest
/// fields and sections (`inquest import --mapping FILE`). A YAML file:
///
///     fields:          # source front-matter key: Inquest field
///       Title: title
///       Sev: severity
///       Date: started
///     sections:        # source heading: Inquest section
///       What happened: summary
///       Root cause: technical_summary
///     values:          # per Inquest field, source value: Inquest value
///       severity: {P1: sev1, P2: sev2}
///     defaults:        # for fields a file does not give
///       status: closed
///
/// Keys and headings are matched without regard to case. Anything the mapping does not
/// name is kept: unknown front-matter keys as they are, unknown headings as sections.
public struct ImportMapping: Sendable {
    /// The incident fields a mapping may fill.
    public static let targets = ["id", "title", "severity", "status", "customer_impact", "data_breach", "owner",
                                 "created", "started", "detected", "contained", "resolved", "tags"]

    var fields: [String: String] = [:]        // lowercased source key -> field
    var sections: [String: String] = [:]      // lowercased source heading -> section key
    var values: [String: [String: String]] = [:] // field -> lowercased source value -> value
    var defaults: [YAMLPair] = []

    public init() {}

    /// Reads a mapping file; every problem names the file, line and key.
    public static func parse(_ data: Data, path: String) throws -> ImportMapping {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw InquestError.invalid("\(path): not valid UTF-8")
        }
        let pairs = try FrontMatterParser.parse(text, path: path, firstLine: 1)
        var m = ImportMapping()
        var problems: [Problem] = []
        func table(_ pair: YAMLPair) -> [(String, String, Int?)] {
            guard case .map(let items) = pair.value else {
                if !pair.value.isNull { problems.append(Problem(path: path, line: pair.line, field: pair.key, "expected `key: value` lines")) }
                return []
            }
            return items.compactMap { item in
                guard let v = item.value.scalarText, !item.value.isNull else {
                    problems.append(Problem(path: path, line: item.line ?? pair.line, field: "\(pair.key).\(item.key)", "expected a single value"))
                    return nil
                }
                return (item.key, v, item.line ?? pair.line)
            }
        }
        for pair in pairs {
            switch pair.key {
            case "fields":
                for (source, target, line) in table(pair) {
                    guard targets.contains(target) else {
                        problems.append(Problem(path: path, line: line, field: "fields.\(source)",
                                                "'\(target)' is not an incident field (one of \(targets.joined(separator: ", ")))"))
                        continue
                    }
                    m.fields[source.lowercased()] = target
                }
            case "sections":
                for (source, target, _) in table(pair) {
                    m.sections[source.lowercased()] = Sections.normalize(target)
                }
            case "values":
                guard case .map(let perField) = pair.value else {
                    problems.append(Problem(path: path, line: pair.line, field: "values", "expected a mapping per field"))
                    continue
                }
                for field in perField {
                    guard targets.contains(field.key) else {
                        problems.append(Problem(path: path, line: field.line ?? pair.line, field: "values.\(field.key)", "is not an incident field"))
                        continue
                    }
                    var lookup: [String: String] = [:]
                    for (source, target, _) in table(YAMLPair("values.\(field.key)", field.value, line: field.line)) {
                        lookup[source.lowercased()] = target
                    }
                    m.values[field.key] = lookup
                }
            case "defaults":
                guard case .map(let items) = pair.value else {
                    problems.append(Problem(path: path, line: pair.line, field: "defaults", "expected `field: value` lines"))
                    continue
                }
                for item in items where !targets.contains(item.key) || item.key == "id" {
                    problems.append(Problem(path: path, line: item.line ?? pair.line, field: "defaults.\(item.key)",
                                            "is not an incident field a default can fill"))
                }
                m.defaults = items.filter { targets.contains($0.key) && $0.key != "id" }
            default:
                problems.append(Problem(path: path, line: pair.line, field: pair.key,
                                        "is not part of a mapping (fields, sections, values, defaults)"))
            }
        }
        if !problems.isEmpty { throw InquestError.problems(problems) }
        return m
    }

    /// The Inquest field a source front-matter key fills, or nil to keep it as it is.
    func field(for key: String) -> String? {
        if let mapped = fields[key.lowercased()] { return mapped }
        return Self.targets.contains(key) ? key : nil
    }

    /// The section key a source heading becomes (and whether the mapping named it).
    func section(for heading: String) -> String {
        sections[heading.lowercased()] ?? sections[Sections.normalize(heading)] ?? Sections.normalize(heading)
    }

    func value(_ value: YAMLValue, for field: String) -> YAMLValue {
        guard let table = values[field] else { return value }
        switch value {
        case .scalar(let s, _):
            return table[s.lowercased()].map { .string($0) } ?? value
        case .list(let items):
            return .list(items.map { self.value($0, for: field) })
        case .map:
            return value
        }
    }
}
