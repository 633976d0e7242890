import CGit2
import Foundation

/// A lazy walk over commits reachable from some tips and not from others (git's
/// `rev-list TIPS ^HIDDEN`), in no particular order: the fastest libgit2 offers, for scans
/// that look at every commit once. A 100,000-commit history never becomes one array.
///
/// Keeps its repository alive; not thread-safe, like the repository.
public final class RevWalk {
    public let repository: Repository
    private let walker: OpaquePointer

    /// Walks commits reachable from `tips`, hiding everything reachable from `hidden`.
    public init(_ repository: Repository, from tips: [OID], hiding hidden: [OID] = []) throws {
        self.repository = repository
        var w: OpaquePointer?
        try check(git_revwalk_new(&w, repository.pointer), "git_revwalk_new")
        walker = w!
        git_revwalk_sorting(walker, GIT_SORT_NONE.rawValue)
        for t in tips { try t.withRaw { try check(git_revwalk_push(walker, $0), "git_revwalk_push") } }
        for h in hidden { try h.withRaw { try check(git_revwalk_hide(walker, $0), "git_revwalk_hide") } }
    }

    deinit { git_revwalk_free(walker) }

    /// The next commit, or nil at the end.
    public func next() throws -> OID? {
        var oid = git_oid()
        let rc = git_revwalk_next(&oid, walker)
        if rc == GIT_ITEROVER.rawValue { return nil }
        try check(rc, "git_revwalk_next")
        return OID(oid)
    }
}

/// Reads commit messages straight from the object database, without parsing the commit or
/// keeping it in libgit2's object cache: a scan of every commit's message reads each object
/// once and holds none of them.
public final class CommitMessageReader {
    public let repository: Repository
    private let odb: OpaquePointer

    public init(_ repository: Repository) throws {
        self.repository = repository
        var out: OpaquePointer?
        try check(git_repository_odb(&out, repository.pointer), "git_repository_odb")
        odb = out!
    }

    deinit { git_odb_free(odb) }

    /// Calls `body` with the raw bytes of the commit's message (everything after the header),
    /// valid only during the call. Not a commit: an error.
    public func withMessage<R>(of id: OID, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        var object: OpaquePointer?
        try id.withRaw { try check(git_odb_read(&object, odb, $0), "git_odb_read") }
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_COMMIT else {
            throw GitError(code: -1, message: "\(id.hex) is not a commit", function: "git_odb_read")
        }
        let size = git_odb_object_size(object)
        guard let data = git_odb_object_data(object) else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let bytes = UnsafeRawBufferPointer(start: data, count: size)
        // The header ends at the first empty line.
        var i = 0
        while i + 1 < size {
            if bytes[i] == 0x0a && bytes[i + 1] == 0x0a { break }
            i += 1
        }
        let start = min(size, i + 2)
        return try body(UnsafeRawBufferPointer(rebasing: bytes[start..<size]))
    }
}

/// A reference and the commit it leads to.
public struct ReferenceTip: Sendable, Hashable {
    /// Full name, `refs/tags/v1.0`.
    public let name: String
    /// The commit it peels to (through annotated tags).
    public let commit: OID

    public init(name: String, commit: OID) {
        self.name = name
        self.commit = commit
    }
}

extension Repository {
    /// The references matching a glob (`refs/tags/v*`, `refs/heads/*`), each peeled to a
    /// commit; references that do not lead to a commit (a tag of a blob) are left out.
    /// Sorted by name.
    public func references(matching glob: String) throws -> [ReferenceTip] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, glob), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        var out: [ReferenceTip] = []
        while true {
            var ref: OpaquePointer?
            let rc = git_reference_next(&ref, iterator)
            if rc == GIT_ITEROVER.rawValue { break }
            try check(rc, "git_reference_next")
            defer { git_reference_free(ref) }
            let name = String(cString: git_reference_name(ref))
            var peeled: OpaquePointer?
            if git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) != 0 { git_error_clear(); continue }
            out.append(ReferenceTip(name: name, commit: OID(git_object_id(peeled))))
            git_object_free(peeled)
        }
        return out.sorted { $0.name < $1.name }
    }

    /// The commit time (seconds since the epoch) of a commit.
    public func commitTime(_ id: OID) throws -> Int64 {
        var c: OpaquePointer?
        try id.withRaw { try check(git_commit_lookup(&c, pointer, $0), "git_commit_lookup") }
        defer { git_commit_free(c) }
        return git_commit_time(c)
    }

    /// Resolves a revision to a commit, or nil when it names none here (unlike
    /// `resolveCommit`, which throws).
    public func commitIfPresent(_ spec: String) -> OID? {
        try? resolveCommit(spec)
    }

    /// The paths a commit changes compared with its first parent (with no parent: all its files).
    public func changedPaths(_ id: OID) throws -> [String] {
        let c = try commit(id)
        let parentTree = try c.parents.first.map { try commit($0).tree }
        return try diffTrees(parentTree, c.tree).map(\.path)
    }
}

extension Config {
    /// Every value of a multi-valued setting, in the order git reads them (system, global, local).
    public func strings(_ name: String) -> [String] {
        var iterator: OpaquePointer?
        guard git_config_multivar_iterator_new(&iterator, pointer, name, nil) == 0 else {
            git_error_clear()
            return []
        }
        defer { git_config_iterator_free(iterator) }
        var out: [String] = []
        var entry: UnsafeMutablePointer<git_config_entry>?
        while git_config_next(&entry, iterator) == 0, let e = entry {
            out.append(String(cString: e.pointee.value))
        }
        git_error_clear()
        return out
    }
}

extension Repository {
    /// The name a symbolic reference points to (`refs/remotes/origin/HEAD` ->
    /// `refs/remotes/origin/main`), or nil when it is absent or not symbolic.
    public func symbolicTarget(_ name: String) -> String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, pointer, name) == 0 else { git_error_clear(); return nil }
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(ref) else { return nil }
        return String(cString: target)
    }
}
