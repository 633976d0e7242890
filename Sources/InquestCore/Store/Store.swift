import Foundation
import GitKit

/// The data branch of one repository: reads through snapshots, writes through commits and a
/// compare-and-swap of the branch, never touching HEAD, the index or the working tree.
public final class Store {
    public let repository: Repository
    public let branch: String
    public var environment: [String: String]
    /// Signs commits when set (see Signing); nil writes unsigned commits.
    public var signer: CommitSigner?
    /// How many times a write is re-applied to a branch that moved under it.
    public var maxAttempts = 200

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
        let name = branch ?? configured ?? "postmortems"
        try validateBranchName(name)
        return Store(repository: repo, branch: name, environment: environment)
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

    /// The branch as it is now; an error with a hint when it does not exist yet.
    public func snapshot() throws -> Snapshot {
        guard let tip = try tip else {
            throw InquestError.invalid("there is no '\(branch)' branch in this repository",
                                       hint: "run `inquest init` to create it")
        }
        let snapshot = try Snapshot(repository: repository, commit: tip)
        snapshot.index = index
        return snapshot
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
    public func write(_ change: (Snapshot, inout ChangeSet) throws -> String) throws -> OID? {
        try refuseIfCheckedOut()
        let author = try identity(.author)
        let committer = try identity(.committer)
        var rng = SystemRandomNumberGenerator()
        for attempt in 0..<maxAttempts {
            let snapshot = try self.snapshot()
            var changes = ChangeSet()
            let subject = try change(snapshot, &changes)
            if changes.isEmpty { return nil }
            let tree = try buildTree(base: snapshot.tree, changes)
            if tree == snapshot.tree { return nil }
            let message = Self.message(subject: subject, records: changes.touched, trailers: changes.trailers)
            let commit = try makeCommit(tree: tree, parents: [snapshot.commit!], message: message,
                                        author: author, committer: committer)
            do {
                try repository.updateReference(referenceName, to: commit, expecting: snapshot.commit,
                                               message: "inquest: \(subject)")
                repository.packIfNeeded()
                return commit
            } catch let e as GitError where e.isModified || e.isLocked || e.isExists {
                // Lost the race: back off a little (more each time) and re-apply on the new tip.
                let ceiling = UInt32(min(50, 2 + attempt * 2))
                usleep(1000 * (1 + rng.next(upperBound: ceiling)))
            }
        }
        throw InquestError(.repository, "gave up after \(maxAttempts) attempts: the '\(branch)' branch kept moving")
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

    /// Writes a commit object (moving no reference), signed by `signer` when there is one.
    ///
    /// Every commit Inquest makes goes through here (writes, init, merges), so that signing
    /// covers all of them: a signing failure throws before any reference moves.
    public func makeCommit(tree: OID, parents: [OID], message: String,
                           author: Signature? = nil, committer: Signature? = nil) throws -> OID {
        try repository.createCommit(tree: tree, parents: parents, message: message,
                                    author: try author ?? identity(.author),
                                    committer: try committer ?? identity(.committer), signer: signer)
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
    public func initialize(extraFiles: [(path: String, data: Data)] = []) throws -> Bool {
        if try tip != nil {
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
        let commit = try makeCommit(tree: tree, parents: [], message: "init postmortems branch\n",
                                    author: try identity(.author), committer: try identity(.committer))
        do {
            try repository.updateReference(referenceName, to: commit, expecting: nil, message: "inquest: init")
        } catch let e as GitError where e.isExists || e.isModified || e.isLocked {
            return false // someone else initialised it at the same moment
        }
        return true
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
