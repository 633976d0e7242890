import Foundation

/// What earlier scans learned, kept in the git directory (`<git dir>/inquest/code-links`):
/// for each code ref, the tip scanned and the commits reachable from it that carry trailers
/// or revert lines; and what each such commit says. A scan then walks only the commits
/// added since (the new tip, hiding the old one). A missing, unreadable or older-format
/// file is simply rebuilt by a full scan; a rewritten ref is detected by the scan, never
/// served from here.
///
/// A line format rather than JSON: a scan with nothing new reads it, and nothing else, on
/// top of the command's own work, so it has to cost little next to the scan it saves.
///
///     inquest-code-links 2
///     commit <hex>
///     T <follow-up|fixes-follow-up> <target>
///     R <reverted hex>
///     ref <tip hex> <ref name>
///     C <hex>
struct LinkCache: Equatable {
    struct RefState: Equatable {
        /// The tip scanned, full hex.
        var tip: String
        /// Commits (full hex) reachable from the tip that carry something.
        var commits: [String]
    }

    static let header = "inquest-code-links 2"
    var refs: [String: RefState] = [:]
    var commits: [String: CodeTrailers] = [:]

    static func path(gitDirectory: String) -> String { gitDirectory + "/inquest/code-links" }

    /// The cache, or an empty one when it is missing or unreadable (then everything is scanned).
    static func load(gitDirectory: String) -> LinkCache {
        guard let data = FileManager.default.contents(atPath: path(gitDirectory: gitDirectory)),
              let cache = parse(String(decoding: data, as: UTF8.self)), cache.isConsistent else { return LinkCache() }
        return cache
    }

    static func parse(_ text: String) -> LinkCache? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.first == Substring(header) else { return nil }
        lines = lines.dropFirst()
        var cache = LinkCache()
        var commit: String?
        var ref: String?
        for line in lines where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            switch parts[0] {
            case "commit" where parts.count == 2:
                let hex = String(parts[1])
                commit = hex
                ref = nil
                cache.commits[hex] = CodeTrailers()
            case "T" where parts.count == 3:
                guard let c = commit, let kind = CodeTrailers.Kind(rawValue: String(parts[1])) else { return nil }
                cache.commits[c]!.trailers.append(.init(kind: kind, target: String(parts[2])))
            case "R" where parts.count == 2:
                guard let c = commit else { return nil }
                cache.commits[c]!.reverts.append(String(parts[1]))
            case "ref" where parts.count == 3:
                let name = String(parts[2])
                guard cache.refs[name] == nil else { return nil }
                cache.refs[name] = RefState(tip: String(parts[1]), commits: [])
                ref = name
                commit = nil
            case "C" where parts.count == 2:
                guard let r = ref else { return nil }
                cache.refs[r]!.commits.append(String(parts[1]))
            default:
                return nil
            }
        }
        return cache
    }

    var text: String {
        var out = Self.header + "\n"
        for (hex, t) in commits.sorted(by: { $0.key < $1.key }) {
            out += "commit \(hex)\n"
            for tr in t.trailers { out += "T \(tr.kind.rawValue) \(tr.target)\n" }
            for r in t.reverts { out += "R \(r)\n" }
        }
        for (name, r) in refs.sorted(by: { $0.key < $1.key }) {
            out += "ref \(r.tip) \(name)\n"
            for c in r.commits { out += "C \(c)\n" }
        }
        return out
    }

    /// Every commit a ref lists is described, and every id is 40 lower-case hex digits:
    /// anything else means the file was damaged, and it is rebuilt rather than trusted.
    var isConsistent: Bool {
        func hex(_ s: String) -> Bool {
            s.utf8.count == 40 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        }
        for (name, r) in refs {
            guard hex(r.tip), !name.isEmpty, !name.contains(" ") else { return false }
            for c in r.commits where commits[c] == nil { return false }
        }
        for (c, t) in commits {
            guard hex(c), t.reverts.allSatisfy(hex),
                  t.trailers.allSatisfy({ !$0.target.isEmpty && !$0.target.contains(" ") }) else { return false }
        }
        return true
    }

    /// Writes the cache; one that cannot be written is simply not kept.
    func save(gitDirectory: String) {
        let url = URL(fileURLWithPath: Self.path(gitDirectory: gitDirectory))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url, options: .atomic)
    }
}
