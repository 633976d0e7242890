/// What the last `inquest site` built into a folder, so the next run rewrites only the
/// pages whose records changed. Kept in the folder itself (`.inquest-site.json`).
///
/// Each page is keyed by what it was built from: an incident's page by the tree of its
/// folder (every record under it), the overview pages by the branch's whole tree. The
/// `stamp` names the renderer (a format version and the program's build) and the options
/// that change every page (the day, the stale threshold): any difference rebuilds all.
/// A missing, unreadable or foreign manifest means a full rebuild.
public struct SiteManifest: Sendable, Equatable {
    public static let fileName = ".inquest-site.json"
    static let format = "inquest-site-manifest 1"

    public var stamp: String
    /// The tree of the commit the overview pages were built from.
    public var tree: String
    /// Page path (relative to the site's root) to the id of what it was built from.
    public var pages: [String: String]

    public init(stamp: String, tree: String, pages: [String: String]) {
        self.stamp = stamp
        self.tree = tree
        self.pages = pages
    }

    public func serialized() -> String {
        JSONValue.object([
            "format": .string(Self.format),
            "stamp": .string(stamp),
            "tree": .string(tree),
            "pages": .object(pages.mapValues { .string($0) }),
        ]).rendered()
    }

    /// Reads a manifest; nil for anything that is not one this version wrote.
    public static func parse(_ data: [UInt8]) -> SiteManifest? {
        var reader = JSONReader(Data(data))
        guard let item = try? reader.next(), (try? reader.next()) == nil,
              case .object(let o) = item.value, o["format"] == .string(format),
              case .string(let stamp)? = o["stamp"], case .string(let tree)? = o["tree"],
              case .object(let raw)? = o["pages"] else { return nil }
        var pages: [String: String] = [:]
        for (path, value) in raw {
            guard case .string(let key) = value else { return nil }
            pages[path] = key
        }
        return SiteManifest(stamp: stamp, tree: tree, pages: pages)
    }
}

import Foundation
