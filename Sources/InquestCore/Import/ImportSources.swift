import Foundation

/// The sources an import reads: a Markdown file, a folder of them (searched recursively,
/// in path order), or a file of JSON values (`.json`, `.jsonl`, `.ndjson`).
enum ImportSources {
    struct Source {
        enum Content {
            case markdown(Data)
            case json(JSONValue)
            /// The source could not be read at all; the message names where.
            case unreadable(String)
        }
        /// How problems name it: the file, and for JSON the line its value starts on.
        let name: String
        let content: Content
    }

    /// A postmortem larger than this is not a postmortem.
    static let maxMarkdownBytes = 4 << 20
    static let jsonExtensions: Set<String> = ["json", "jsonl", "ndjson"]
    static let markdownExtensions: Set<String> = ["md", "markdown"]

    /// Calls `each` with every source under `path`, one at a time, so a large input is
    /// never all in memory as parsed values.
    static func read(_ path: String, _ each: (Source) throws -> Void) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InquestError.invalid("\(path): no such file or folder")
        }
        if isDir.boolValue {
            for file in try markdownFiles(in: path) { try each(markdown(file)) }
            return
        }
        let ext = (path as NSString).pathExtension.lowercased()
        if jsonExtensions.contains(ext) {
            try json(path, each)
        } else if markdownExtensions.contains(ext) {
            try each(markdown(path))
        } else {
            throw InquestError.invalid("\(path): not a Markdown file (.md), a JSON file (.json, .jsonl, .ndjson) or a folder")
        }
    }

    static func markdownFiles(in root: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw InquestError.invalid("\(root): cannot read the folder")
        }
        var out: [String] = []
        while let rel = walker.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            let full = (root as NSString).appendingPathComponent(rel)
            let attrs = walker.fileAttributes
            guard attrs?[.type] as? FileAttributeType != .typeDirectory else { continue }
            if markdownExtensions.contains((rel as NSString).pathExtension.lowercased()) { out.append(full) }
        }
        return out.sorted()
    }

    static func markdown(_ path: String) -> Source {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return Source(name: path, content: .unreadable("\(path): cannot be read"))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxMarkdownBytes + 1)) ?? Data()
        if data.count > maxMarkdownBytes {
            return Source(name: path, content: .unreadable("\(path): larger than \(maxMarkdownBytes >> 20) MiB"))
        }
        return Source(name: path, content: .markdown(data))
    }

    static func json(_ path: String, _ each: (Source) throws -> Void) throws {
        // The reader keeps its own copy of the bytes; the file's Data goes at once.
        guard var reader = FileManager.default.contents(atPath: path).map(JSONReader.init) else {
            throw InquestError.invalid("\(path): cannot be read")
        }
        while true {
            let item: JSONReader.Item?
            do {
                item = try reader.next()
            } catch {
                // After a syntax error there is no telling where the next value starts.
                try each(Source(name: "\(path):\(error.line)", content: .unreadable("\(path):\(error.line): not valid JSON: \(error.message)")))
                return
            }
            guard let item else { return }
            if case .array(let values) = item.value {
                for (n, v) in values.enumerated() { try each(Source(name: "\(path)[\(n)]", content: .json(v))) }
            } else {
                try each(Source(name: "\(path):\(item.line)", content: .json(item.value)))
            }
        }
    }
}
