import Foundation
import GitKit

/// One trust root as `inquest trust list` shows it: a key in force, or written in the
/// trust files, or both.
public struct TrustRootEntry: Sendable {
    public let key: TrustedKey
    /// Whether the key is in force at the tip (its signatures count).
    public let inForce: Bool
    /// Whether the key is written in the trust files at the tip.
    public let written: Bool
    /// Its file on the branch.
    public let path: String
    /// When the files and the keys in force disagree on this key: why, naming the commit
    /// whose change did not count.
    public let note: String?
}

extension Postmortems {
    /// The keys in force at the tip of the branch, and those written in its trust files,
    /// each flagged where the two disagree; plus what in the files could not be read.
    public func trustRoots() throws -> (entries: [TrustRootEntry], problems: [String]) {
        let snap = try snapshot()
        let verifier = try self.verifier()
        defer { verifier.close() }
        let written = try writtenRoots(snap, verifier)
        let inForce = try verifier.rootsInForce(after: snap.commit)
        let ignored = try snap.commit.map { try verifier.ignoredTrustChanges(onLineOf: $0) } ?? []
        func path(_ k: TrustedKey) -> String {
            k.format == .ssh ? TrustRoots.allowedSignersPath : TrustFiles.openpgpPath(k.fingerprint)
        }
        var entries: [TrustRootEntry] = []
        for k in inForce.keys {
            let isWritten = written.contains(k.material)
            var note: String?
            if !isWritten {
                let why = ignored.last { $0.removed.contains { $0.material == k.material } }
                note = "in force but not in \(path(k))" + (why.map { ": its removal in \($0.commit.short) did not count (\($0.reason))" }
                    ?? ": the change that dropped it from the file did not count")
            }
            entries.append(TrustRootEntry(key: k, inForce: true, written: isWritten, path: path(k), note: note))
        }
        for k in written.keys where !inForce.contains(k.material) {
            let why = ignored.last { $0.added.contains { $0.material == k.material } }
            let note = "written in \(path(k)) but not in force" + (why.map { ": the change that added it in \($0.commit.short) did not count (\($0.reason))" }
                ?? ": it was removed by a change that counted, or never added by one")
            entries.append(TrustRootEntry(key: k, inForce: false, written: true, path: path(k), note: note))
        }
        return (entries, written.problems)
    }

    private func writtenRoots(_ snap: Snapshot, _ verifier: CommitVerifier) throws -> TrustRoots {
        try verifier.roots(inTrustTree: try TrustFiles.subtree(store.repository, tree: snap.tree))
    }

    /// Adds a trust root, in a commit signed by a key already in force.
    ///
    /// When no root has ever been in force, this is the bootstrap: the key added must be the
    /// signing key itself, and the user must be the branch's creator unless `explicitInit`
    /// (`inquest trust init`), which marks the commit with the `Inquest-Trust: init` trailer.
    @discardableResult
    public func addTrustRoot(_ input: KeyInput, owner ownerText: String?, explicitInit: Bool = false) throws -> TrustedKey {
        let command = explicitInit ? "trust init" : "trust add"
        let signer = try requiredSigner(for: command)
        let config = try SigningConfiguration.of(store)
        let (material, suggested) = try KeyReader.read(input, gpgProgram: config.gpgProgram, environment: store.environment)
        let owner: KeyOwner
        if let ownerText {
            guard let o = KeyOwner.parse(ownerText) else {
                throw InquestError.invalid("owner: '\(ownerText)' is not 'Name <email>'")
            }
            owner = o
        } else if let suggested {
            owner = suggested
        } else {
            throw InquestError.invalid("owner: say whose key this is with --owner 'Name <email>'")
        }
        if let p = owner.problem { throw InquestError.invalid("owner: \(p)") }
        return try addTrustRoot(TrustedKey(material: material, owner: owner), signer: signer, explicitInit: explicitInit)
    }

    /// `trust init` with no key given: the user's own signing key, owned by their git identity.
    @discardableResult
    public func initTrust() throws -> TrustedKey {
        let signer = try requiredSigner(for: "trust init")
        return try addTrustRoot(try ownTrustRoot(signer), signer: signer, explicitInit: true)
    }

    private func addTrustRoot(_ key: TrustedKey, signer: any Signer, explicitInit: Bool) throws -> TrustedKey {
        let mine = try publicKey(of: signer)
        let me = try store.identity(.author)
        let verifier = try self.verifier()
        defer { verifier.close() }
        try store.write(Writer(signer: signer)) { snap, changes in
            let tip = snap.commit
            let written = try writtenRoots(snap, verifier)
            let inForce = try verifier.rootsInForce(after: tip)
            if let existing = written.keys.first(where: { $0.material == key.material }) {
                if inForce.keys.contains(existing) {
                    throw InquestError.invalid("\(key.fingerprint) is already a trust root, for \(existing.owner)")
                }
                throw InquestError.invalid("\(key.fingerprint) is written in the trust roots but not in force (the change that added it did not count)",
                                           hint: "remove it with `inquest trust remove \(key.fingerprint)`, then add it again")
            }
            if inForce.isEmpty {
                if try verifier.everHadRoots(upTo: tip) {
                    throw InquestError(.policy, "no trust roots are in force any more, and trust cannot be bootstrapped twice on a branch")
                }
                guard key.material == mine else {
                    throw InquestError.invalid("the first trust root must be your own signing key (\(mine.fingerprint)), so that its commit can vouch for itself",
                                               hint: "run `inquest trust init` first, then add other keys")
                }
                if !explicitInit, let tip {
                    let creator = try verifier.creatorEmail(of: tip)
                    guard creator.lowercased() == me.email.lowercased() else {
                        throw InquestError.invalid("only the branch's creator (\(creator)) adds the first trust root with `trust add`",
                                                   hint: "run `inquest trust init` to establish the first trust root explicitly")
                    }
                }
            } else {
                if explicitInit {
                    throw InquestError.invalid("the trust roots are already established", hint: "use `inquest trust add`")
                }
                try requireInForce(mine, inForce)
            }
            let allowed = try snap.data(at: TrustRoots.allowedSignersPath).map { String(decoding: $0, as: UTF8.self) }
            for (path, data) in TrustFiles.changes(adding: key, allowedSigners: allowed) { changes.put(path, data) }
            if explicitInit { changes.trailer(CommitVerifier.bootstrapTrailer) }
            return "trust \(explicitInit ? "init" : "add"): \(key.format.rawValue) \(key.fingerprint) for \(key.owner)"
        }
        return key
    }

    /// Removes the one trust root that `selector` names (a fingerprint, a unique prefix of
    /// at least 8 characters of one, or its owner's email), in a commit signed by a key in force.
    @discardableResult
    public func removeTrustRoot(_ selector: String) throws -> TrustedKey {
        let signer = try requiredSigner(for: "trust remove")
        let mine = try publicKey(of: signer)
        let verifier = try self.verifier()
        defer { verifier.close() }
        var removed: TrustedKey?
        var restore: TrustedKey?
        repeat {
            restore = nil
            try store.write(Writer(signer: signer)) { snap, changes in
                let written = try writtenRoots(snap, verifier)
                let inForce = try verifier.rootsInForce(after: snap.commit)
                // The keys in force are the ones that matter; a key only written can go too.
                let target = try Self.select(selector, in: TrustRoots(keys: inForce.keys + written.keys.filter { !inForce.contains($0.material) }))
                try requireInForce(mine, inForce)
                if inForce.keys.allSatisfy({ $0.material == target.material }) {
                    throw InquestError(.policy, "removing \(target.fingerprint) would leave no trust root in force",
                                       hint: "add another trust root first")
                }
                if inForce.contains(target.material) && !written.contains(target.material) {
                    // In force though its file lost it (a removal that did not count): a change
                    // counts key by key, so write it back first; the next round removes it.
                    restore = target
                    for (path, data) in TrustFiles.changes(adding: target, allowedSigners: try snap.data(at: TrustRoots.allowedSignersPath).map { String(decoding: $0, as: UTF8.self) }) {
                        changes.put(path, data)
                    }
                    return "trust: write back \(target.format.rawValue) \(target.fingerprint) of \(target.owner), in force but missing from its file, to remove it"
                }
                switch target.material {
                case .ssh:
                    let text = try snap.data(at: TrustRoots.allowedSignersPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
                    changes.put(TrustRoots.allowedSignersPath, Data(TrustFiles.removingLines(for: target.material, from: text).utf8))
                case .openpgp(let fingerprint, _):
                    changes.delete(TrustFiles.openpgpPath(fingerprint))
                }
                removed = target
                return "trust remove: \(target.format.rawValue) \(target.fingerprint) of \(target.owner)"
            }
        } while restore != nil && removed == nil
        return removed!
    }

    private func requireInForce(_ mine: TrustedKey.Material, _ inForce: TrustRoots) throws {
        guard inForce.contains(mine) else {
            throw InquestError(.policy, "your signing key \(mine.fingerprint) is not a trust root in force: a change to the trust roots counts only when signed by a key trusted before it",
                               hint: "ask someone whose key is listed by `inquest trust list` to make this change")
        }
    }

    static func select(_ selector: String, in roots: TrustRoots) throws -> TrustedKey {
        let s = selector.trimmingCharacters(in: .whitespaces)
        let bare = { (f: String) in f.hasPrefix("SHA256:") ? String(f.dropFirst(7)) : f }
        let query = bare(s)
        var matches = roots.keys.filter { $0.owner.matches(email: s) }
        if matches.isEmpty && query.count >= 8 {
            matches = roots.keys.filter { k in
                k.format == .openpgp ? k.fingerprint.uppercased().hasPrefix(query.uppercased())
                    : bare(k.fingerprint).hasPrefix(query)
            }
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw InquestError.invalid("no trust root matches '\(selector)'",
                                       hint: "give a fingerprint (8 characters at least) or an email from `inquest trust list`")
        }
        throw InquestError.invalid("'\(selector)' matches \(matches.count) trust roots: \(matches.map(\.fingerprint).joined(separator: ", "))")
    }
}
