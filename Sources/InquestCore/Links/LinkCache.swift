import Foundation

/// What earlier scans learned, kept in the git directory (`<git dir>/inquest/code-links.json`):
/// for each code ref, the tip scanned and the commits reachable from it that carry trailers
/// or revert lines; and what each such commit says. A scan then walks only the commits
/// added since (the new tip, hiding the old one). A missing, unreadable or older-format
/// file is simply rebuilt by a full scan; a rewritten ref is detected by the scan, never
/// served from here.
struct LinkCache: Codable {
    struct RefState: Codable {
        /// The tip scanned, full hex.
        var tip: String
        /// Commits (full hex) reachable from the tip that carry something.
        var commits: [String]
    }

    static let version = 1
    var version = LinkCache.version
    var refs: [String: RefState] = [:]
    var commits: [String: CodeTrailers] = [:]

    static func path(gitDirectory: String) -> String { gitDirectory + "/inquest/code-links.json" }

    /// The cache, or an empty one when it is missing or unreadable (then everything is scanned).
    static func load(gitDirectory: String) -> LinkCache {
        guard let data = FileManager.default.contents(atPath: path(gitDirectory: gitDirectory)),
              let cache = try? JSONDecoder().decode(LinkCache.self, from: data),
              cache.version == version, cache.isConsistent else { return LinkCache() }
        return cache
    }

    /// Every commit a ref lists is described, and every id is 40 hex digits: anything else
    /// means the file was damaged, and it is rebuilt rather than trusted.
    var isConsistent: Bool {
        func hex(_ s: String) -> Bool { s.utf8.count == 40 && s.allSatisfy { $0.isHexDigit && !$0.isUppercase } }
        for (_, r) in refs {
            guard hex(r.tip) else { return false }
            for c in r.commits where !hex(c) || commits[c] == nil { return false }
        }
        return commits.keys.allSatisfy(hex)
    }

    /// Writes the cache; one that cannot be written is simply not kept.
    func save(gitDirectory: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        let url = URL(fileURLWithPath: Self.path(gitDirectory: gitDirectory))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }
}
