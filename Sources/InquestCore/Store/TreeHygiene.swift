import Foundation
import GitKit

/// What may be in the tree of a data branch, checked in one place for `check`, every hook
/// (pre-receive, pre-push, pre-commit) and `sync`.
///
/// Everything that arrives through git is treated as hostile. Refused, each naming its path:
/// names git itself refuses or that mean something to a checkout (`.`, `..`, `.git` and its
/// case, NTFS and HFS+ variants, as `git fsck` does), symlinks and gitlinks (submodules)
/// anywhere, a file where a folder belongs or a folder where a file belongs, anything under
/// `incidents/` that is not a record, and an ID filed twice (naming both places).
public enum TreeHygiene {
    /// The records every incident folder may hold, by folder name.
    static let recordFolders: [String: RecordKind] = [
        Layout.timelineDir: .event, Layout.findingsDir: .finding, Layout.followUpsDir: .followUp,
    ]

    /// Folders outside `incidents/` may nest this deep; deeper is refused, so a tree nested
    /// a million levels (cheap to make with git) cannot exhaust the stack of a check.
    public static let maxDepth = 32

    /// Checks the whole tree, or (hooks, on a large branch) the structure plus the incident
    /// folders in `only`.
    public static func problems(in repository: Repository, tree: OID, only: Set<String>? = nil) throws -> [Problem] {
        var walker = Walker(repository: repository)
        try walker.root(tree, only: only)
        return walker.problems
    }

    /// The problems of `new` that `old` did not have: what a push, a commit or a fetched
    /// branch brings. Junk already on the branch is `check`'s to report, not every push's.
    public static func newProblems(in repository: Repository, from old: OID?, to new: OID,
                                   only: Set<String>? = nil) throws -> [Problem] {
        let before = try old.map { Set(try problems(in: repository, tree: $0, only: only).map(\.description)) } ?? []
        return try problems(in: repository, tree: new, only: only).filter { !before.contains($0.description) }
    }

    /// Why `name` may not appear in a tree, or nil. Follows git's `verify_path` and fsck:
    /// `.git` in any case, with trailing dots or spaces (Windows drops them), as the NTFS
    /// short name `git~1`, or with characters HFS+ ignores inside it.
    public static func specialNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "has an empty name" }
        if name == "." || name == ".." { return "is named '\(name)'" }
        if name.contains("/") || name.contains("\0") || name.contains("\\") { return "has a name with a path separator" }
        let ignorable: Set<UInt32> = [0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                      0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F, 0xFEFF]
        var folded = String(String.UnicodeScalarView(name.unicodeScalars.filter { !ignorable.contains($0.value) })).lowercased()
        while let last = folded.last, last == "." || last == " " { folded.removeLast() }
        if folded == ".git" || folded == "git~1" { return "is named like '.git', which git refuses" }
        return nil
    }

    private struct Walker {
        let repository: Repository
        var problems: [Problem] = []
        /// Where each ID was seen first, to name both places of a duplicate.
        var seen: [RecordID: String] = [:]

        init(repository: Repository) { self.repository = repository }

        mutating func add(_ path: String, _ message: String) { problems.append(Problem(path: path, message)) }

        /// Special names, symlinks and gitlinks are refused wherever they are.
        mutating func entries(of tree: OID, at dir: String) throws -> [TreeEntry] {
            var out: [TreeEntry] = []
            for e in try repository.treeEntries(tree) {
                let path = dir.isEmpty ? e.name : "\(dir)/\(e.name)"
                if let p = TreeHygiene.specialNameProblem(e.name) { add(path, p); continue }
                if e.kind == .commit || e.mode == 0o160000 { add(path, "is a gitlink (a submodule); the data branch holds only files"); continue }
                if e.isSymlink { add(path, "is a symbolic link; the data branch holds only regular files"); continue }
                if e.kind != .tree && e.kind != .blob { add(path, "is not a file or a folder"); continue }
                out.append(e)
            }
            return out
        }

        mutating func root(_ tree: OID, only: Set<String>?) throws {
            for e in try entries(of: tree, at: "") {
                switch e.name {
                case Layout.incidentsRoot:
                    guard e.kind == .tree else { add(e.name, "is a file where the incidents folder belongs"); continue }
                    try incidents(e.id, only: only)
                case Layout.metaDir:
                    guard e.kind == .tree else { add(e.name, "is a file where the .inquest folder belongs"); continue }
                    try anyTree(e.id, at: e.name, depth: 1)
                default:
                    if e.kind == .tree { try anyTree(e.id, at: e.name, depth: 1) }
                }
            }
        }

        /// Outside `incidents/` any file may be, but no special name, symlink or gitlink.
        mutating func anyTree(_ tree: OID, at dir: String, depth: Int) throws {
            guard depth <= TreeHygiene.maxDepth else {
                add(dir, "is nested deeper than \(TreeHygiene.maxDepth) folders")
                return
            }
            for e in try entries(of: tree, at: dir) where e.kind == .tree {
                try anyTree(e.id, at: "\(dir)/\(e.name)", depth: depth + 1)
            }
        }

        mutating func incidents(_ tree: OID, only: Set<String>?) throws {
            let root = Layout.incidentsRoot
            for month in try entries(of: tree, at: root) {
                let mdir = "\(root)/\(month.name)"
                guard month.kind == .tree else { add(mdir, "is a file where a month folder (YYYY-MM) belongs"); continue }
                if !Self.isMonth(month.name) { add(mdir, "is not a month folder (incidents/YYYY-MM)") }
                for inc in try entries(of: month.id, at: mdir) {
                    let dir = "\(mdir)/\(inc.name)"
                    guard let id = RecordID(exactly: inc.name), id.kind == .incident else {
                        add(dir, "is not an incident folder (incidents/YYYY-MM/INC-ID)")
                        continue
                    }
                    guard inc.kind == .tree else { add(dir, "is a file where an incident folder belongs"); continue }
                    note(id, at: dir)
                    if only == nil || only!.contains(dir) { try incident(inc.id, at: dir) }
                }
            }
        }

        mutating func note(_ id: RecordID, at path: String) {
            if let first = seen[id] {
                add(path, "holds \(id), which is also at \(first); an ID must be filed once")
            } else {
                seen[id] = path
            }
        }

        mutating func incident(_ tree: OID, at dir: String) throws {
            var hasIncidentFile = false
            for e in try entries(of: tree, at: dir) {
                let path = "\(dir)/\(e.name)"
                if e.name == Layout.incidentFile {
                    if e.kind == .blob { hasIncidentFile = true } else { add(path, "is a folder where the incident's file belongs") }
                } else if let kind = TreeHygiene.recordFolders[e.name] {
                    guard e.kind == .tree else { add(path, "is a file where the \(e.name) folder belongs"); continue }
                    try records(e.id, at: path, kind: kind)
                } else {
                    add(path, "is not a record (an incident folder holds incident.md, timeline/, findings/ and followups/)")
                }
            }
            if !hasIncidentFile { add(dir, "has no incident.md") }
        }

        mutating func records(_ tree: OID, at dir: String, kind: RecordKind) throws {
            for e in try entries(of: tree, at: dir) {
                let path = "\(dir)/\(e.name)"
                guard e.kind == .blob else { add(path, "is a folder where a \(kind.noun) file belongs"); continue }
                guard let id = Layout.recordID(fileName: e.name), id.kind == kind else {
                    add(path, "is not a \(kind.noun) file (\(kind == .event ? "TIME-" : "")\(kind.rawValue)-ID.md)")
                    continue
                }
                note(id, at: path)
            }
        }

        static func isMonth(_ name: String) -> Bool {
            let b = Array(name.utf8)
            guard b.count == 7, b[4] == UInt8(ascii: "-") else { return false }
            let digits = b[0..<4] + b[5..<7]
            guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let m = Int(name.suffix(2)) else { return false }
            return (1...12).contains(m)
        }
    }
}
