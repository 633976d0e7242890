import Foundation

/// A kind of incident a team meets again and again (`credential-leak`, `phishing`…), kept
/// on the branch as `.inquest/templates/NAME.md`: front matter with defaults, and `##`
/// sections whose text prefills the new incident's narrative.
///
/// Guidance for the writer goes in HTML comments (`<!-- what to write here -->`): it is
/// kept in the record for whoever writes the section, but a section holding only comments
/// still counts as empty for the policy, so a template can never make a postmortem look
/// written when it is not.
public struct IncidentTemplate: Sendable {
    /// A finding the template suggests. It is created as a real finding with no evidence,
    /// so the review gate refuses it until someone confirms it with evidence or deletes it.
    public struct SuggestedFinding: Sendable, Equatable {
        public var category: FindingCategory
        public var title: String
    }

    public let name: String
    public let path: String
    public var description: String?
    public var severity: Severity?
    public var customerImpact: Bool?
    public var dataBreach: Bool?
    public var tags: [String]
    /// The timeline events this kind of incident usually has, as a checklist for the writer.
    public var timelineKinds: [EventKind]
    public var findings: [SuggestedFinding]
    public var sections: Sections

    static let keys: Set<String> = ["description", "severity", "customer_impact", "data_breach", "tags",
                                    "timeline_kinds", "findings"]

    /// Reads a template strictly: an unknown key or a bad value is an error naming the file,
    /// line and key, because a typo in a template would otherwise be copied into every
    /// incident made from it.
    public init(name: String, data: Data) throws {
        let path = Layout.templatePath(name)
        let file = try RecordFile.parse(data, path: path)
        var r = FieldReader(file: file, path: path, record: nil)
        description = r.text("description")
        severity = r.word("severity", Severity.self)
        customerImpact = r.bool("customer_impact")
        dataBreach = r.bool("data_breach")
        tags = r.list("tags")
        timelineKinds = r.list("timeline_kinds").compactMap { text in
            guard let k = EventKind.parse(text) else {
                r.fail("timeline_kinds", "'\(text)' is not one of \(EventKind.allowed)")
                return nil
            }
            return k
        }
        findings = r.mapList("findings").compactMap { pairs in
            let get = { (k: String) in pairs.first { $0.key == k }?.value.scalarText }
            guard let categoryText = get("category"), let title = get("title"),
                  !title.trimmingCharacters(in: .whitespaces).isEmpty else {
                r.fail("findings", "each suggested finding needs a category and a title")
                return nil
            }
            guard let category = FindingCategory.parse(categoryText) else {
                r.fail("findings", "'\(categoryText)' is not one of \(FindingCategory.allowed)")
                return nil
            }
            if let p = TextRules.singleLineProblem(title) { r.fail("findings", p); return nil }
            return SuggestedFinding(category: category, title: title)
        }
        for extra in r.extras where !Self.keys.contains(extra.key) {
            r.fail(extra.key, "unknown template setting (known: \(Self.keys.sorted().joined(separator: ", ")))")
        }
        try r.finish()
        self.name = name
        self.path = path
        sections = Sections.parse(file.body)
    }

    /// Template names are file names on the branch: plain words, no paths.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.first != "-"
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

extension Sections {
    /// The text of a section with writer's guidance (`<!-- … -->`) removed: what the policy
    /// counts as written.
    public static func substance(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return out.trimmingCharacters(in: .whitespacesAndNewlines) }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
