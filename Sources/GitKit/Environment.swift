import CGit2
import Foundation

extension Repository {
    /// Opens the repository as git describes it to a hook through the environment
    /// (`GIT_DIR`, and in pre-receive `GIT_OBJECT_DIRECTORY` / `GIT_ALTERNATE_OBJECT_DIRECTORIES`
    /// pointing into the quarantine where pushed objects wait until the hook accepts them).
    public static func openFromEnvironment(fallback path: String) throws -> Repository {
        Library.ensure()
        let env = ProcessInfo.processInfo.environment
        guard env["GIT_DIR"] != nil else { return try open(at: path) }
        var out: OpaquePointer?
        let rc = git_repository_open_ext(&out, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil)
        if rc < 0 { throw OpenError.other(lastError(rc, "git_repository_open_ext")) }
        return Repository(pointer: out!)
    }

    /// The branch HEAD names (`refs/heads/main`), even when it has no commit yet; nil if detached.
    public func headReferenceName() throws -> String? {
        var ref: OpaquePointer?
        let rc = git_reference_lookup(&ref, pointer, "HEAD")
        if rc == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(rc, "git_reference_lookup")
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(ref) else {
            return nil
        }
        return String(cString: target)
    }

    /// Writes the index (the staging area) as a tree, as `git write-tree` does.
    public func indexTree() throws -> OID {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "git_repository_index")
        defer { git_index_free(index) }
        var out = git_oid()
        try check(git_index_write_tree(&out, index), "git_index_write_tree")
        return OID(out)
    }

    /// Whether `commit` has `ancestor` in its history (or is it).
    public func isDescendant(_ commit: OID, of ancestor: OID) throws -> Bool {
        if commit == ancestor { return true }
        let rc = commit.withRaw { c in ancestor.withRaw { a in git_graph_descendant_of(pointer, c, a) } }
        try check(rc, "git_graph_descendant_of")
        return rc == 1
    }

    /// Whether an object exists in the object database.
    public func contains(_ id: OID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0 else { git_error_clear(); return false }
        defer { git_odb_free(odb) }
        return id.withRaw { git_odb_exists(odb, $0) } == 1
    }
}

extension Repository {
    /// The working trees (the main one and any added with `git worktree add`) whose HEAD
    /// is the branch `referenceName`: moving that branch would leave them out of step.
    public func worktrees(checkingOut referenceName: String) -> [String] {
        var found: [String] = []
        let fm = FileManager.default
        func headNames(_ gitDir: String) -> Bool {
            guard let head = try? String(contentsOfFile: gitDir + "/HEAD", encoding: .utf8) else { return false }
            return head.trimmingCharacters(in: .whitespacesAndNewlines) == "ref: \(referenceName)"
        }
        let common = commonDirectory
        if !isBare, headNames(common) {
            // The main working tree is the parent of the common directory (`.git`).
            found.append((common as NSString).deletingLastPathComponent)
        }
        let worktreesDir = common + "/worktrees"
        for name in (try? fm.contentsOfDirectory(atPath: worktreesDir)) ?? [] {
            let dir = worktreesDir + "/" + name
            guard headNames(dir) else { continue }
            let gitdirFile = (try? String(contentsOfFile: dir + "/gitdir", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            found.append(gitdirFile.map { ($0 as NSString).deletingLastPathComponent } ?? dir)
        }
        return found
    }
}
