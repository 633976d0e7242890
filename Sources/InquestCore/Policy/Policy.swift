import Foundation

/// What a postmortem must contain before it moves on, read from `.inquest/policy.yml` on
/// the branch so the rules travel and are versioned with the data.
public struct PolicyRules: Hashable, Sendable {
    /// When an incident needs a full postmortem: any of these holds.
    public struct Trigger: Hashable, Sendable {
        public var severities: Set<Severity> = [.sev1, .sev2]
        public var customerImpact = true
        public var dataBreach = true
    }

    public var trigger = Trigger()
    /// Gates for incidents that need a full postmortem, by the status they guard.
    public var fullGates: [IncidentStatus: Gate] = [:]
    /// Gates for every incident, whether or not it needs a full postmortem.
    public var everyGates: [IncidentStatus: Gate] = [:]
    /// Refuse commits that are not signed by a trusted key.
    public var requireSigned = false
    /// What each kind of follow-up needs before it may be `done` (absent: nothing).
    public var doneRequires: [FollowUpKind: DoneRequirement] = [:]

    public func doneRequirement(_ kind: FollowUpKind?) -> DoneRequirement {
        kind.flatMap { doneRequires[$0] } ?? .none
    }

    public func needsFullPostmortem(_ i: Incident) -> Bool {
        needsFullPostmortem(severity: i.severity, customerImpact: i.customerImpact, dataBreach: i.dataBreach)
    }

    public func needsFullPostmortem(_ i: IncidentSummary) -> Bool {
        needsFullPostmortem(severity: i.severity, customerImpact: i.customerImpact, dataBreach: i.dataBreach)
    }

    /// The trigger reads only these three fields, so an incident's summary is enough.
    func needsFullPostmortem(severity: Severity, customerImpact: Bool, dataBreach: Bool) -> Bool {
        trigger.severities.contains(severity) || (trigger.customerImpact && customerImpact)
            || (trigger.dataBreach && dataBreach)
    }

    /// The gates an incident must pass to be at `status`: every gate up to and including it,
    /// so an approved incident still has everything review asked for.
    public func gates(for incident: Incident, at status: IncidentStatus) -> [(IncidentStatus, Gate)] {
        let full = needsFullPostmortem(incident)
        var out: [(IncidentStatus, Gate)] = []
        for s in IncidentStatus.allCases where s.rank <= status.rank {
            if let g = everyGates[s] { out.append((s, g)) }
            if full, let g = fullGates[s] { out.append((s, g)) }
        }
        return out
    }

    /// DESIGN section 5's defaults, the same as the file `inquest init` writes.
    public static let defaults: PolicyRules = try! PolicyParser.parse(Policy.defaultText, path: Layout.policyPath)
}

/// One gate: what must hold for an incident to be at (or past) a status.
public struct Gate: Hashable, Sendable {
    /// Incident front-matter fields that must be set (including times and custom keys).
    public var fields: [String] = []
    /// Narrative sections that must not be empty.
    public var sections: [String] = []
    public var minTimelineEvents = 0
    public var minFindings = 0
    public var minFollowUps = 0
    /// `category`, `evidence`, `followups_or_not_doing`, `narrative`.
    public var findingNeeds: [String] = []
    /// `owner`, `kind`, `priority`, `due`, `tracker`, `narrative`.
    public var followUpNeeds: [String] = []
    public var signoffByOther = false
    public var noConflicts = false
    public var followUpsResolved = false

    static let findingWords = ["category", "evidence", "followups_or_not_doing", "narrative"]
    static let followUpWords = ["owner", "kind", "priority", "due", "tracker", "narrative"]
}

/// Reads policy.yml strictly: an unknown key or a wrong type is an error naming the file and
/// line, never a rule silently ignored (which would let everything through).
enum PolicyParser {
    /// The policy file's bytes, as the branch holds them: not UTF-8 is an error too.
    static func parse(data: Data, path: String) throws -> PolicyRules {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw InquestError(.policy, "\(path): not valid UTF-8")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> PolicyRules {
        if text.utf8.count > RecordLimits.maxSettingsBytes {
            throw InquestError(.policy, "\(path): is \(text.utf8.count) bytes, more than the limit of \(RecordLimits.maxSettingsBytes)")
        }
        // The one YAML reader (libyaml events; aliases, anchors and tags refused before
        // anything is built): mapping keys carry their line for the errors below.
        let root: YAMLValue?
        do {
            root = try YAMLReader.read(text)
        } catch {
            let line = error.line.map { ":\($0)" } ?? ""
            throw InquestError(.policy, "\(path)\(line): \(error.isSyntaxError ? "not valid YAML" : "refused"): \(error.message)")
        }
        guard let root, case .map = root else {
            throw InquestError(.policy, "\(path):1: the policy must be a mapping of settings")
        }
        let top = Reader.Item(value: root, line: 1)
        var rules = PolicyRules()
        rules.fullGates = [:]
        let p = Reader(path: path)
        for (k, v) in try p.mapping(top, "policy") {
            let key = try p.key(k)
            switch key {
            case "version":
                guard try p.int(v, key) == 1 else { throw p.fail(v, "version: only version 1 is known") }
            case "full_postmortem":
                for (tk, tv) in try p.mapping(v, key) {
                    switch try p.key(tk) {
                    case "severities":
                        rules.trigger.severities = Set(try p.words(tv, "severities", Severity.self))
                    case "customer_impact": rules.trigger.customerImpact = try p.bool(tv, "customer_impact")
                    case "data_breach": rules.trigger.dataBreach = try p.bool(tv, "data_breach")
                    case let other: throw p.fail(tk, "full_postmortem: unknown setting '\(other)' (known: severities, customer_impact, data_breach)")
                    }
                }
            case "gates": rules.fullGates = try gates(v, p, "gates")
            case "every_incident":
                for (ek, ev) in try p.mapping(v, key) {
                    switch try p.key(ek) {
                    case "gates": rules.everyGates = try gates(ev, p, "every_incident.gates")
                    case let other: throw p.fail(ek, "every_incident: unknown setting '\(other)' (known: gates)")
                    }
                }
            case "require_signed": rules.requireSigned = try p.bool(v, key)
            case "done_requires":
                for (dk, dv) in try p.mapping(v, key) {
                    let name = try p.key(dk)
                    guard let kind = FollowUpKind.parse(name) else {
                        throw p.fail(dk, "done_requires: '\(name)' is not a follow-up kind (\(FollowUpKind.allowed))")
                    }
                    guard case .scalar(let s, _) = dv.value, let need = DoneRequirement.parse(s) else {
                        throw p.fail(dv, "done_requires.\(name): expected one of \(DoneRequirement.allowed)")
                    }
                    rules.doneRequires[kind] = need
                }
            default:
                throw p.fail(k, "unknown setting '\(key)' (known: version, full_postmortem, gates, every_incident, require_signed, done_requires)")
            }
        }
        return rules
    }

    private static func gates(_ node: Reader.Item, _ p: Reader, _ context: String) throws -> [IncidentStatus: Gate] {
        var out: [IncidentStatus: Gate] = [:]
        for (sk, sv) in try p.mapping(node, context) {
            let name = try p.key(sk)
            guard let status = IncidentStatus(rawValue: name) else {
                throw p.fail(sk, "\(context): '\(name)' is not a status (\(IncidentStatus.allowed))")
            }
            var g = Gate()
            for (gk, gv) in try p.mapping(sv, "\(context).\(name)") {
                let setting = try p.key(gk)
                switch setting {
                case "fields", "times": g.fields += try p.strings(gv, setting)
                case "sections":
                    g.sections = try p.strings(gv, setting).map(Sections.normalize)
                case "min_timeline_events": g.minTimelineEvents = try p.int(gv, setting)
                case "min_findings": g.minFindings = try p.int(gv, setting)
                case "min_followups": g.minFollowUps = try p.int(gv, setting)
                case "finding_needs": g.findingNeeds = try p.choices(gv, setting, Gate.findingWords)
                case "followup_needs": g.followUpNeeds = try p.choices(gv, setting, Gate.followUpWords)
                case "signoff_by_other": g.signoffByOther = try p.bool(gv, setting)
                case "no_conflicts": g.noConflicts = try p.bool(gv, setting)
                case "followups_resolved": g.followUpsResolved = try p.bool(gv, setting)
                default:
                    throw p.fail(gk, "\(context).\(name): unknown setting '\(setting)' (known: fields, times, sections, min_timeline_events, min_findings, min_followups, finding_needs, followup_needs, signoff_by_other, no_conflicts, followups_resolved)")
                }
            }
            out[status] = g
        }
        return out
    }

    /// Typed reads of YAML values with `file:line:` errors. A value's line is that of the key
    /// it belongs to (list items: their list's key).
    struct Reader {
        let path: String

        struct Item {
            let value: YAMLValue
            let line: Int?
        }

        func fail(_ item: Item, _ message: String) -> InquestError {
            let line = item.line.map { ":\($0)" } ?? ""
            return InquestError(.policy, "\(path)\(line): \(message)")
        }

        func key(_ item: Item) throws -> String {
            guard case .scalar(let s, _) = item.value else { throw fail(item, "settings must be plain words") }
            return s
        }

        func mapping(_ item: Item, _ key: String) throws -> [(Item, Item)] {
            switch item.value {
            case .scalar(let s, _) where s.isEmpty || s == "~" || s == "null":
                return []
            case .map(let pairs):
                return pairs.map { (Item(value: .scalar($0.key, plain: true), line: $0.line), Item(value: $0.value, line: $0.line)) }
            default:
                throw fail(item, "\(key): expected a mapping of settings")
            }
        }

        func bool(_ item: Item, _ key: String) throws -> Bool {
            guard case .scalar(let s, _) = item.value else { throw fail(item, "\(key): expected true or false") }
            switch s.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: throw fail(item, "\(key): '\(s)' is not true or false")
            }
        }

        func int(_ item: Item, _ key: String) throws -> Int {
            guard case .scalar(let s, _) = item.value, let n = Int(s), n >= 0 else {
                throw fail(item, "\(key): expected a whole number")
            }
            return n
        }

        /// The items of a list, each with the list's line.
        private func list(_ item: Item, _ key: String) throws -> [(String?, Item)] {
            guard case .list(let values) = item.value else { throw fail(item, "\(key): expected a list like [a, b]") }
            return values.map { v in (v.scalarText, Item(value: v, line: item.line)) }
        }

        func strings(_ item: Item, _ key: String) throws -> [String] {
            if case .scalar(let s, _) = item.value, s.isEmpty { return [] }
            return try list(item, key).map { text, element in
                guard let text, !text.isEmpty else { throw fail(element, "\(key): expected a list of words") }
                return text
            }
        }

        func words<V: Vocabulary>(_ item: Item, _ key: String, _ type: V.Type) throws -> [V] {
            try list(item, key).map { text, element in
                guard let text, let v = V.parse(text) else {
                    throw fail(element, "\(key): expected values among \(V.allowed)")
                }
                return v
            }
        }

        func choices(_ item: Item, _ key: String, _ allowed: [String]) throws -> [String] {
            try list(item, key).map { text, element in
                guard let text, allowed.contains(text) else {
                    throw fail(element, "\(key): expected values among \(allowed.joined(separator: ", "))")
                }
                return text
            }
        }
    }
}
