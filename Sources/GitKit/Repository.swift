import CGit2
import Foundation

/// Why a repository could not be opened, in words a user can act on.
public enum OpenError: Error, CustomStringConvertible, Sendable {
    case notARepository(path: String)
    case unsupportedExtension(path: String, name: String)
    /// Owned by another user and not listed in `safe.directory` (git's CVE-2022-24765 fix).
    case dubiousOwnership(path: String)
    case other(GitError)

    public var description: String {
        switch self {
        case .notARepository(let path):
            return "not a git repository (or any of the parent directories): \(path)"
        case .unsupportedExtension(let path, let name):
            let what: String
            switch name.lowercased() {
            case "worktreeconfig": what = "per-worktree configuration (extensions.worktreeConfig)"
            case "objectformat": what = "the sha256 object format (extensions.objectFormat)"
            case "refstorage": what = "the reftable reference format (extensions.refStorage)"
            default: what = "the repository extension '\(name)'"
            }
            return "the repository at \(path) uses \(what), which libgit2 1.5 cannot open"
        case .dubiousOwnership(let path):
            return "detected dubious ownership in repository at '\(path)': it belongs to another user, so git (and Inquest) will not use it; "
                + "if you trust it, add an exception as git says: git config --global --add safe.directory \(path)"
        case .other(let e):
            return e.description
        }
    }
}

/// An open git repository. Not thread-safe: use one per thread.
public final class Repository {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_repository_free(pointer) }

    /// Opens the repository containing `path` (searching upwards like git), bare or not.
    public static func open(at path: String) throws -> Repository {
        Library.ensure()
        var out: OpaquePointer?
        let rc = git_repository_open_ext(&out, path, 0, nil)
        if rc < 0 {
            let err = lastError(rc, "git_repository_open_ext")
            // libgit2 honours safe.directory as git does, but 1.5 reports a refusal as "not
            // found" (or GIT_EOWNER): look again without the ownership check, and if a
            // repository is there, say what git says.
            if rc == GIT_EOWNER.rawValue || err.isNotFound, let owned = ownedByAnotherUser(path) {
                throw OpenError.dubiousOwnership(path: owned)
            }
            if err.isNotFound { throw OpenError.notARepository(path: path) }
            if let range = err.message.range(of: "unsupported extension name ") {
                var name = String(err.message[range.upperBound...])
                if name.hasPrefix("extensions.") { name.removeFirst("extensions.".count) }
                throw OpenError.unsupportedExtension(path: path, name: name)
            }
            throw OpenError.other(err)
        }
        return Repository(pointer: out!)
    }

    /// The top of the repository at `path` when only the ownership check (safe.directory)
    /// keeps it from opening; nil when there is no repository at all.
    private static func ownedByAnotherUser(_ path: String) -> String? {
        _ = inquest_git_set_owner_validation(0)
        defer { _ = inquest_git_set_owner_validation(1) }
        var out: OpaquePointer?
        guard git_repository_open_ext(&out, path, 0, nil) == 0, let repo = out else { git_error_clear(); return nil }
        defer { git_repository_free(repo) }
        let top = git_repository_workdir(repo) ?? git_repository_path(repo)
        return top.map { trimSlash(String(cString: $0)) }
    }

    /// Creates a new repository (used by tests and the demo).
    public static func initialize(at path: String, bare: Bool) throws -> Repository {
        Library.ensure()
        var out: OpaquePointer?
        try check(git_repository_init(&out, path, bare ? 1 : 0), "git_repository_init")
        return Repository(pointer: out!)
    }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// A shallow clone: history below its `shallow` commits is missing.
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// The `.git` directory (or the bare repository itself), with a trailing slash removed.
    public var gitDirectory: String {
        Self.trimSlash(String(cString: git_repository_path(pointer)))
    }

    /// The directory shared by all worktrees (objects, refs, hooks).
    public var commonDirectory: String {
        Self.trimSlash(String(cString: git_repository_commondir(pointer)))
    }

    public var workingDirectory: String? {
        guard let p = git_repository_workdir(pointer) else { return nil }
        return Self.trimSlash(String(cString: p))
    }

    private static func trimSlash(_ s: String) -> String {
        s.count > 1 && s.hasSuffix("/") ? String(s.dropLast()) : s
    }

    /// A snapshot of the repository's configuration (system, global, local).
    public func config() throws -> Config {
        var out: OpaquePointer?
        try check(git_repository_config_snapshot(&out, pointer), "git_repository_config_snapshot")
        return Config(pointer: out!)
    }
}

/// A read-only snapshot of git configuration.
public final class Config {
    let pointer: OpaquePointer
    init(pointer: OpaquePointer) { self.pointer = pointer }
    deinit { git_config_free(pointer) }

    public func string(_ name: String) -> String? {
        var out: UnsafePointer<CChar>?
        guard git_config_get_string(&out, pointer, name) == 0, let out else {
            git_error_clear()
            return nil
        }
        return String(cString: out)
    }

    public func bool(_ name: String) -> Bool? {
        var out: Int32 = 0
        guard git_config_get_bool(&out, pointer, name) == 0 else {
            git_error_clear()
            return nil
        }
        return out != 0
    }
}
