import Foundation
import GitKit

/// Where the code lives, from git config: which refs to scan for trailers, which one is
/// "main" (the line a fix must reach to count as merged), and which tags are releases.
public struct CodeRefs: Sendable, Hashable {
    /// Ref names or globs (`refs/heads/release/*`) to scan; short names mean `refs/heads/NAME`.
    public var patterns: [String]
    /// The main line, when one exists (nil: no code branch here).
    public var main: String?
    /// A glob on tag names (without `refs/tags/`).
    public var releaseTags: String

    public static let defaultPatterns = ["refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master"]

    /// Reads `inquest.codeRefs` (several values, or one with commas/spaces), `inquest.mainRef`
    /// and `inquest.releaseTags` (default `v*`). The data branch is never a code ref.
    public init(repository: Repository, dataBranch: String) throws {
        let config = try repository.config()
        let configured = config.strings("inquest.codeRefs")
            .flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init) }
        patterns = (configured.isEmpty ? Self.defaultPatterns : configured).map(Self.fullName)
        releaseTags = config.string("inquest.releaseTags").flatMap { $0.isEmpty ? nil : $0 } ?? "v*"
        let dataRef = "refs/heads/\(dataBranch)"
        if let m = config.string("inquest.mainRef"), !m.isEmpty {
            main = Self.fullName(m)
        } else {
            main = try Self.defaultPatterns.first { try repository.referenceTarget($0) != nil }
        }
        if main == dataRef { main = nil }
        if let main, !patterns.contains(main) { patterns.insert(main, at: 0) }
        self.dataRef = dataRef
    }

    private let dataRef: String

    static func fullName(_ name: String) -> String {
        name.hasPrefix("refs/") || name == "HEAD" ? name : "refs/heads/\(name)"
    }

    /// Whether a ref name is one of the code refs (by name or glob).
    public func matches(_ name: String) -> Bool {
        name != dataRef && patterns.contains { p in
            p == name || ((p.contains("*") || p.contains("?") || p.contains("[")) && fnmatch(p, name, 0) == 0)
        }
    }

    /// The refs to scan as they are now, each with its tip; several names with one tip are
    /// all listed (the scan walks a tip once). `overrides` are ref updates not yet made (a
    /// server hook sees the pushed tips of code refs before git moves them; nil: deleted).
    public func resolve(in repository: Repository, overrides: [String: OID?] = [:]) throws -> [ReferenceTip] {
        var out: [String: ReferenceTip] = [:]
        for p in patterns {
            if p.contains("*") || p.contains("?") || p.contains("[") {
                for r in try repository.references(matching: p) where r.name != dataRef { out[r.name] = r }
            } else if p != dataRef, let tip = try repository.referenceTarget(p) {
                out[p] = ReferenceTip(name: p, commit: tip)
            }
        }
        for (name, tip) in overrides where matches(name) {
            if let tip { out[name] = ReferenceTip(name: name, commit: tip) } else { out[name] = nil }
        }
        // A symbolic code ref (origin/HEAD) follows an update of what it points to.
        for (name, _) in out {
            if let target = repository.symbolicTarget(name), let update = overrides[target] {
                out[name] = update.map { ReferenceTip(name: name, commit: $0) }
            }
        }
        return out.values.sorted { $0.name < $1.name }
    }
}
