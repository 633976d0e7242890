import Foundation
import GitKit

/// The data branch of one repository: reads through snapshots, writes through commits and a
/// compare-and-swap of the branch, never touching HEAD, the index or the working tree.
public final class Store {
    public let repository: Repository
    public let branch: String
    public var environment: [String: String]
    /// How many times a write is re-applied to a branch that moved under it.
    public var maxAttempts = 200
    /// Set when `--branch` named a remote-tracking branch, a tag or a commit: reads only.
    public internal(set) var readOnly: ReadOnlyRef?
    /// Where the store says something once (reading a remote-tracking branch in place of
    /// a missing local one); the CLI sends it to stderr.
    public var notice: ((String) -> Void)?
    var noticeGiven = false

    public var referenceName: String { "refs/heads/\(branch)" }
    /// Reads go through the derived index (`RecordIndex`) unless this is off (`--no-index`)
    /// or the environment says `INQUEST_NO_INDEX=1`.
    public var indexEnabled = true
    private var openedIndex: RecordIndex??

    /// The branch's index, made on first use; nil when turned off.
    var index: RecordIndex? {
        if let openedIndex { return openedIndex }
        let off = ["1", "true", "yes"].contains((environment["INQUEST_NO_INDEX"] ?? "").lowercased())
        let made = indexEnabled && !off
            ? RecordIndex(repository: repository,
                          path: RecordIndex.defaultPath(repository: repository, referenceName: referenceName))
            : nil
        openedIndex = .some(made)
        return made
    }

    public init(repository: Repository, branch: String, environment: [String: String]) {
        self.repository = repository
        self.branch = branch
        self.environment = environment
    }

    /// Opens the repository around `path` (a working tree, a subfolder of one, or a bare repository).
    public static func open(path: String, branch: String?, environment: [String: String]) throws -> Store {
        let repo: Repository
        do {
            repo = try Repository.open(at: path)
        } catch let e as OpenError {
            throw InquestError(.invalid, e.description)
        }
        let configured = try? repo.config().string("inquest.branch")
        let (name, readOnly) = try classify(branch ?? configured ?? "postmortems", in: repo)
        let store = Store(repository: repo, branch: name, environment: environment)
        store.readOnly = readOnly
        return store
    }

    static func validateBranchName(_ name: String) throws {
        let bad = name.isEmpty || name.hasPrefix("-") || name.hasPrefix("/") || name.hasSuffix("/")
            || name.hasSuffix(".lock") || name.contains("..") || name.contains("//") || name.contains("@{")
            || name.contains(where: { " ~^:?*[\\".contains($0) || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7f } == true })
        if bad { throw InquestError.invalid("'\(name)' is not a valid branch name") }
    }

    public var tip: OID? {
        get throws { try repository.referenceTarget(referenceName) }
    }

    /// The branch (or read-only ref) as it is now; an error with a hint when it does not exist.
    public func snapshot() throws -> Snapshot {
        guard let (tip, upstream) = try readTip() else { throw try missingBranchError() }
        let snap = try Snapshot(repository: repository, commit: tip)
        snap.upstream = upstream
        snap.index = index
        return snap
    }

    public func snapshot(at commit: OID?) throws -> Snapshot {
        try Snapshot(repository: repository, commit: commit)
    }

    func identity(_ role: Signature.Role) throws -> Signature {
        do {
            return try Signature.identity(role, config: try repository.config(), environment: environment)
        } catch let e as IdentityError {
            throw InquestError.invalid(e.description)
        }
    }

    /// Commits one change to the branch.
    ///
    /// `change` reads the current tip and describes the files to write; if another writer
    /// moves the branch first, `change` runs again on the new tip, so nothing is lost and
    /// nothing is applied twice. Returns the new commit, or nil when nothing changed.
    @discardableResult
    public func write(_ writer: Writer, _ change: (Snapshot, inout ChangeSet) throws -> String) throws -> OID? {
        try checkWritable()
        try requireInquestBranch(try snapshot())
        let author = try identity(.author)
        let committer = try identity(.committer)
        var rng = SystemRandomNumberGenerator()
        for attempt in 0..<maxAttempts {
            let snapshot = try self.snapshot()
            var changes = ChangeSet()
            let subject = try change(snapshot, &changes)
            if changes.isEmpty { return nil }
            try refuseClobbering(snapshot.tree, changes)
            let tree = try buildTree(base: snapshot.tree, changes)
            if tree == snapshot.tree { return nil }
            let message = Self.message(subject: subject, records: changes.touched, trailers: changes.trailers)
            let commit = try makeCommit(writer, tree: tree, parents: [snapshot.commit!], message: message,
                                        author: author, committer: committer)
            do {
                // Read from the remote-tracking branch: this write creates the local one.
                try repository.updateReference(referenceName, to: commit,
                                               expecting: snapshot.upstream == nil ? snapshot.commit : nil,
                                               message: "inquest: \(subject)")
                if let upstream = snapshot.upstream { trackUpstream(upstream) }
                repository.packIfNeeded()
                return commit
            } catch let e as GitError where e.isLocked {
                // Someone is moving the branch now (wait), or died doing it (say so at once).
                try waitForLiveLock()
            } catch let e as GitError where e.isModified || e.isExists {
                // Lost the race: back off a little (more each time) and re-apply on the new tip.
                let ceiling = UInt32(min(50, 2 + attempt * 2))
                usleep(1000 * (1 + rng.next(upperBound: ceiling)))
            }
        }
        throw InquestError(.repository, "gave up after \(maxAttempts) attempts: the '\(branch)' branch kept moving")
    }

    /// Writes go only to a branch Inquest made (`.inquest/version` on it): `--branch release`
    /// must not commit incidents onto a code branch.
    func requireInquestBranch(_ snapshot: Snapshot) throws {
        guard try snapshot.data(at: Layout.versionPath) == nil else { return }
        throw InquestError.invalid(
            "the '\(branch)' branch is not an Inquest branch (it has no \(Layout.versionPath)); nothing was written",
            hint: "name the data branch with --branch or `git config inquest.branch NAME`, or run `inquest init --branch NEW` to create one")
    }

    /// A write never replaces what is in its way: a file (or symlink) where one of its
    /// folders belongs, or a folder where its file belongs. Such a tree was committed by
    /// hand; silently replacing it would lose that file.
    func refuseClobbering(_ base: OID?, _ changes: ChangeSet) throws {
        guard let base else { return }
        for (path, change) in changes.changes {
            guard case .put = change else { continue }
            let parts = path.split(separator: "/")
            for n in 1...parts.count {
                let prefix = parts.prefix(n).joined(separator: "/")
                guard let entry = try repository.treeEntry(at: prefix, in: base) else { break }
                let last = n == parts.count
                if last ? entry.kind != .blob || !entry.isFile : entry.kind != .tree {
                    throw InquestError.invalid(
                        "\(prefix) on the '\(branch)' branch is \(entry.isSymlink ? "a symbolic link" : entry.kind == .tree ? "a folder" : "not a folder") where Inquest needs \(last ? "a file" : "a folder"); nothing was written",
                        hint: "`inquest check` lists what is wrong with the branch; fix it with a commit by hand")
                }
            }
        }
    }

    /// Like git, never move a branch that a working tree has checked out: its index and
    /// files would silently fall out of step, and its next commit would undo our change.
    func refuseIfCheckedOut() throws {
        let trees = repository.worktrees(checkingOut: referenceName)
        guard let first = trees.first else { return }
        throw InquestError.invalid(
            "the '\(branch)' branch is checked out in \(first); Inquest will not move it under that checkout",
            hint: "commit your edits there, then `git -C \(first) switch --detach` (or `git worktree remove \(first)`)")
    }

    /// Writes a commit object (moving no reference), signed when `writer` signs.
    ///
    /// Every commit Inquest makes goes through here or `Writer.commit` (writes, init,
    /// merges), and neither can be called without a `Writer`, which only a signing decision
    /// makes: a signing failure throws before any reference moves.
    public func makeCommit(_ writer: Writer, tree: OID, parents: [OID], message: String,
                           author: Signature? = nil, committer: Signature? = nil) throws -> OID {
        try writer.commit(in: repository, tree: tree, parents: parents, message: message,
                          author: try author ?? identity(.author), committer: try committer ?? identity(.committer))
    }

    func buildTree(base: OID?, _ changes: ChangeSet) throws -> OID {
        var editor = TreeEditor(repository: repository, base: base)
        for (path, change) in changes.changes {
            switch change {
            case .put(let data): editor.set(path, blob: try repository.writeBlob(data))
            case .delete: editor.remove(path)
            }
        }
        return try editor.write()
    }

    static func message(subject: String, records: [String], trailers: [String] = []) -> String {
        var text = subject + "\n"
        var block = trailers
        if !records.isEmpty { block.insert("Inquest-Records: \(records.joined(separator: ", "))", at: 0) }
        if !block.isEmpty { text += "\n" + block.joined(separator: "\n") + "\n" }
        return text
    }

    /// Creates the branch with its metadata. Returns false when it already existed.
    ///
    /// `extraFiles` go into the first commit too (the first trust root, when it is signed).
    @discardableResult
    public func initialize(_ writer: Writer, extraFiles: [(path: String, data: Data)] = []) throws -> Bool {
        try checkWritable()
        if try tip != nil || adoptUpstream() {
            let snap = try snapshot()
            guard try snap.data(at: Layout.versionPath) != nil else {
                throw InquestError.invalid("a '\(branch)' branch exists but was not made by Inquest",
                                           hint: "choose another name with --branch or `git config inquest.branch NAME`")
            }
            return false
        }
        var changes = ChangeSet()
        for (path, text) in BranchSetup.files() { changes.put(path, Data(text.utf8)) }
        for (path, data) in extraFiles { changes.put(path, data) }
        let tree = try buildTree(base: nil, changes)
        let commit = try makeCommit(writer, tree: tree, parents: [], message: "init postmortems branch\n",
                                    author: try identity(.author), committer: try identity(.committer))
        for _ in 0..<maxAttempts {
            do {
                try repository.updateReference(referenceName, to: commit, expecting: nil, message: "inquest: init")
                RootPin(store: self).pin(commit)
                return true
            } catch let e as GitError where e.isLocked {
                // A stale lock is said so at once; after a live one, try again.
                try waitForLiveLock()
            } catch let e as GitError where e.isExists || e.isModified {
                return false // someone else initialised it at the same moment
            }
        }
        throw InquestError(.repository, "gave up after \(maxAttempts) attempts: the '\(branch)' branch stayed locked")
    }
}

extension Store {
    /// The editor git would start: `GIT_EDITOR`, `core.editor`, `VISUAL`, `EDITOR`, then vi.
    public func editorCommand(environment: [String: String]) -> String {
        if let e = environment["GIT_EDITOR"], !e.isEmpty { return e }
        if let e = try? repository.config().string("core.editor"), !e.isEmpty { return e }
        if let e = environment["VISUAL"], !e.isEmpty { return e }
        if let e = environment["EDITOR"], !e.isEmpty { return e }
        return "vi"
    }
}

extension Store {
    /// Runs `body`, which walks history; in a shallow clone a missing commit becomes a
    /// sentence saying why and how to fetch the rest, instead of libgit2's "object not found".
    public func explainingShallow<T>(_ command: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as GitError where repository.isShallow {
            throw InquestError(.repository,
                               "this is a shallow clone: the history of '\(branch)' stops short, so `inquest \(command)` cannot read all of it (\(e.message))",
                               hint: "fetch the whole history with `git fetch --unshallow`, or run `inquest sync`, which does")
        }
    }
}
