import Crypto
import Foundation
import GitKit
import Synchronization

/// Signature verdicts kept between runs in the git directory (`<git dir>/inquest/verdicts.v1`),
/// keyed by commit id *and* a digest of the trust roots the commit was judged against
/// (`TrustDigest`), so a second run checks only commits it has not seen under the same
/// roots. A commit id names the signature and the signed bytes exactly, so an entry can only
/// be stale through time: verdicts that depend on it (an OpenPGP key with an expiry date)
/// carry the time they stop holding.
///
/// Beside the verdicts it keeps, per commit, the id of the `.inquest/trust` subtree of the
/// commit's tree (or that it has none): a commit id names its tree, so this never changes,
/// and a warm run then reads no tree except where the trust roots change.
///
/// The file is text: a header line with the format version and the counts of verdicts and
/// of trust subtrees, one verdict per line (11 fields), one trust subtree per line (2
/// fields: commit, subtree or empty), and a last line with the SHA-256 of everything before it. A file that is
/// missing, truncated, altered, of another version or not parseable in any line is thrown
/// away whole and rebuilt; nothing of it is used. Writes go to a temporary file renamed
/// over the old one, so concurrent runs never see (or leave) half a file; the last writer
/// wins, and each merges what is on disk first so both runs' entries are kept.
///
/// The cache is an optimisation only: results are the same with it and without it. It is
/// as trustworthy as the git directory it lives in (anyone who can write there can also
/// rewrite the refs).
final class VerdictCache {
    static let fileName = "verdicts.v2"
    static let header = "inquest-verdicts 2"
    /// Above this many entries a save keeps only what this run used, so the file cannot grow
    /// without bound on a server that sees many rewritten histories.
    static let maxEntries = 400_000

    struct Key: Hashable, Sendable {
        let commit: OID
        let trust: String
    }

    struct Entry: Sendable {
        var check: SignatureCheck
        /// Seconds since 1970 after which the verdict no longer holds (an OpenPGP key's expiry).
        var validUntil: Int64?
    }

    let path: String
    private var entries: [Key: Entry] = [:]
    private var commits: Set<OID> = []
    private var added: [Key: Entry] = [:]
    private var used: Set<Key> = []
    /// Commit -> its `.inquest/trust` subtree (nil: none).
    private var trees: [OID: OID?] = [:]
    private var addedTrees: [OID: OID?] = [:]
    private var usedTrees: Set<OID> = []
    /// Why the file on disk was not used, when it existed and was not (for tests).
    private(set) var discarded: String?
    private let now: () -> Int64

    init(directory: String, now: @escaping () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        path = directory + "/inquest/" + Self.fileName
        self.now = now
        let stamp = Self.stamp(path)
        if let stamp, let known = Self.memo.withLock({ $0[path] }), known.stamp == stamp {
            entries = known.entries
            commits = known.commits
            trees = known.trees
        } else if let data = FileManager.default.contents(atPath: path) {
            switch Self.parse(data) {
            case .success(let parsed):
                entries = parsed.entries
                trees = parsed.trees
                commits = Set(entries.keys.map(\.commit))
                if let stamp { Self.remember(path, stamp, entries, commits, trees) }
            case .failure(let why):
                discarded = why.description
            }
        }
    }

    /// What identifies one version of the file: a rename gives a new inode, a write a new
    /// size or time.
    struct Stamp: Equatable, Sendable {
        let inode: UInt64
        let size: Int64
        let modified: Int64
    }

    private struct Parsed: Sendable {
        let stamp: Stamp
        let entries: [Key: Entry]
        let commits: Set<OID>
        let trees: [OID: OID?]
    }

    /// What a file holds.
    struct Contents {
        var entries: [Key: Entry] = [:]
        var trees: [OID: OID?] = [:]
    }

    /// Files already parsed in this process, by path: a command that makes several verifiers
    /// (a hook judging many incidents) reads the file once while it does not change.
    private static let memo = Mutex<[String: Parsed]>([:])

    private static func stamp(_ path: String) -> Stamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Stamp(inode: UInt64(st.st_ino), size: Int64(st.st_size),
                     modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    private static func remember(_ path: String, _ stamp: Stamp, _ entries: [Key: Entry], _ commits: Set<OID>,
                                 _ trees: [OID: OID?]) {
        let parsed = Parsed(stamp: stamp, entries: entries, commits: commits, trees: trees)
        memo.withLock { $0[path] = parsed }
    }

    var count: Int { entries.count }

    /// Whether any verdict for `commit` is kept, under any trust roots: a run that has one is
    /// likely not to need the signature checked again, so it need not be batched up front.
    func knows(_ commit: OID) -> Bool { commits.contains(commit) }

    func lookup(_ commit: OID, trust: String) -> SignatureCheck? {
        let key = Key(commit: commit, trust: trust)
        guard let e = entries[key] else { return nil }
        if let until = e.validUntil, now() >= until { return nil }
        used.insert(key)
        return e.check
    }

    /// The `.inquest/trust` subtree of `commit`'s tree as last read: `.some(nil)` when the
    /// tree has none, nil when this commit is not known.
    func trustTree(of commit: OID) -> OID?? {
        guard let t = trees[commit] else { return nil }
        usedTrees.insert(commit)
        return .some(t)
    }

    func storeTrustTree(_ commit: OID, _ tree: OID?) {
        trees[commit] = .some(tree)
        addedTrees[commit] = .some(tree)
        usedTrees.insert(commit)
    }

    var trustTreeCount: Int { trees.count }

    func store(_ commit: OID, trust: String, _ check: SignatureCheck, validUntil: Int64?) {
        let key = Key(commit: commit, trust: trust)
        let e = Entry(check: check, validUntil: validUntil)
        entries[key] = e
        added[key] = e
        used.insert(key)
        commits.insert(commit)
    }

    /// Writes what this run learned, merged with what is on disk now. Failing to write is
    /// not an error of the command: the next run simply checks again.
    func save() {
        guard !added.isEmpty || !addedTrees.isEmpty || discarded != nil else { return }
        var merged = Contents()
        if let stamp = Self.stamp(path), let known = Self.memo.withLock({ $0[path] }), known.stamp == stamp {
            merged = Contents(entries: known.entries, trees: known.trees)
        } else if let data = FileManager.default.contents(atPath: path), case .success(let onDisk) = Self.parse(data) {
            merged = onDisk
        }
        for (k, e) in added { merged.entries[k] = e }
        for (c, t) in addedTrees { merged.trees[c] = .some(t) }
        if merged.entries.count > Self.maxEntries { merged.entries = merged.entries.filter { used.contains($0.key) } }
        if merged.trees.count > Self.maxEntries { merged.trees = merged.trees.filter { usedTrees.contains($0.key) } }
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temp, contents: Self.render(merged)) else { return }
        let stamp = Self.stamp(temp)
        if rename(temp, path) != 0 {
            try? FileManager.default.removeItem(atPath: temp)
        } else if let stamp {
            Self.remember(path, stamp, merged.entries, Set(merged.entries.keys.map(\.commit)), merged.trees)
        }
        added = [:]
        addedTrees = [:]
        discarded = nil
    }

    // MARK: format

    struct Corrupt: Error, CustomStringConvertible {
        let description: String
    }

    static func render(_ contents: Contents) -> Data {
        var body = "\(header) \(contents.entries.count) \(contents.trees.count)\n"
        for (k, e) in contents.entries {
            let c = e.check
            let fields = [k.commit.hex, k.trust, c.state.rawValue, c.format?.rawValue ?? "", c.fingerprint ?? "",
                          c.signer == nil ? "0" : "1", c.signer?.name ?? "", c.signer?.email ?? "", c.reason ?? "",
                          c.keyStatus?.rawValue ?? "", e.validUntil.map(String.init) ?? ""]
            body += fields.map(escape).joined(separator: "\t") + "\n"
        }
        for (commit, tree) in contents.trees {
            body += commit.hex + "\t" + (tree?.hex ?? "") + "\n"
        }
        return Data((body + "sha256 \(TrustDigest.hex(Data(body.utf8)))\n").utf8)
    }

    /// Reads the file on bytes, not through String splitting: a warm run of a long history
    /// reads tens of thousands of entries, and this is most of what it does.
    static func parse(_ data: Data) -> Result<Contents, Corrupt> {
        func fail(_ why: String) -> Result<Contents, Corrupt> { .failure(Corrupt(description: why)) }
        let bytes = [UInt8](data)
        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
        guard bytes.last == newline, let lastBreak = bytes.dropLast().lastIndex(of: newline) else { return fail("truncated") }
        let trailer = bytes[(lastBreak + 1)..<(bytes.count - 1)]
        guard trailer.elementsEqual(Array("sha256 \(TrustDigest.hex(bytes[...lastBreak]))".utf8)) else {
            return fail("checksum does not match (truncated or altered)")
        }
        guard let firstBreak = bytes.firstIndex(of: newline), firstBreak <= lastBreak else { return fail("truncated") }
        let first = String(decoding: bytes[..<firstBreak], as: UTF8.self)
        guard first.hasPrefix(header + " ") else { return fail("another format version") }
        let counts = first.dropFirst(header.count + 1).split(separator: " ", omittingEmptySubsequences: false)
        guard counts.count == 2, let count = Int(counts[0]), let treeCount = Int(counts[1]), count >= 0, treeCount >= 0 else {
            return fail("unreadable header")
        }
        var entries: [Key: Entry] = [:]
        entries.reserveCapacity(count)
        var trees: [OID: OID?] = [:]
        trees.reserveCapacity(treeCount)
        var interned: [String: String] = [:]
        func text(_ slice: ArraySlice<UInt8>) -> String {
            if slice.isEmpty { return "" }
            let raw = String(decoding: slice, as: UTF8.self)
            let s = slice.contains(UInt8(ascii: "\\")) ? unescape(Substring(raw)) : raw
            // The same trust digest, key and owner recur on thousands of lines: keep one copy.
            if let known = interned[s] { return known }
            interned[s] = s
            return s
        }
        var lines = 0
        var lineStart = firstBreak + 1
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(11)
        // Field i as text. Most fields repeat the line before's (one trust digest, one key and
        // owner for thousands of commits): compared as bytes, they cost no new string.
        var previous = [(ArraySlice<UInt8>, String)](repeating: ([], ""), count: 11)
        func field(_ i: Int) -> String {
            let slice = fields[i]
            if previous[i].0 == slice { return previous[i].1 }
            let s = text(slice)
            previous[i] = (slice, s)
            return s
        }
        while lineStart <= lastBreak {
            guard let lineEnd = bytes[lineStart...lastBreak].firstIndex(of: newline) else { return fail("truncated") }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for i in lineStart...lineEnd where i == lineEnd || bytes[i] == tab {
                fields.append(bytes[fieldStart..<i])
                fieldStart = i + 1
            }
            lines += 1
            lineStart = lineEnd + 1
            if lines > count {
                // The trust subtrees, after every verdict.
                guard fields.count == 2, let commit = OID(hexUTF8: fields[0]) else { return fail("unreadable trust subtree") }
                if fields[1].isEmpty {
                    trees[commit] = .some(nil)
                } else {
                    guard let tree = OID(hexUTF8: fields[1]) else { return fail("unreadable trust subtree") }
                    trees[commit] = .some(tree)
                }
                continue
            }
            guard fields.count == 11, let commit = OID(hexUTF8: fields[0]),
                  fields[1].count == 64, let state = SignatureCheck.State(rawValue: field(2)) else {
                return fail("unreadable entry")
            }
            let formatText = field(3), signerFlag = field(5), keyText = field(9), untilText = field(10)
            let format = formatText.isEmpty ? nil : SignatureFormat(rawValue: formatText)
            let keyStatus = keyText.isEmpty ? nil : SignatureCheck.KeyStatus(rawValue: keyText)
            let until = untilText.isEmpty ? nil : Int64(untilText)
            guard formatText.isEmpty || format != nil, signerFlag == "0" || signerFlag == "1",
                  keyText.isEmpty || keyStatus != nil, untilText.isEmpty || until != nil else { return fail("unreadable entry") }
            let fingerprint = field(4), reason = field(8)
            let check = SignatureCheck(state: state, format: format, fingerprint: fingerprint.isEmpty ? nil : fingerprint,
                                       signer: signerFlag == "1" ? KeyOwner(name: field(6), email: field(7)) : nil,
                                       reason: reason.isEmpty ? nil : reason, keyStatus: keyStatus)
            entries[Key(commit: commit, trust: field(1))] = Entry(check: check, validUntil: until)
        }
        guard lines == count + treeCount, trees.count == treeCount else { return fail("entry count does not match") }
        return .success(Contents(entries: entries, trees: trees))
    }

    /// Tabs, line breaks and backslashes in a field, written so that a field is one cell.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return s }
        // By scalars: "\r\n" is one Character, and must still become two escapes.
        var out = String.UnicodeScalarView()
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default: out.append(ch)
            }
        }
        return String(out)
    }

    static func unescape(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                switch ch {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// A digest of trust roots: what a verdict depends on besides the commit. Every key's
/// material and owner go in (the owner is part of a good verdict), in their order (the first
/// root holding a key names its owner), with lengths so that no two sets of roots share an encoding, and the version of the rules
/// that turn a signature into a verdict, so a change to those rules starts a fresh cache.
enum TrustDigest {
    /// Bump when the meaning of a verdict changes for the same commit and roots.
    static let rulesVersion = "inquest-verdict-rules-1"

    static func of(_ roots: TrustRoots) -> String {
        var w = SSHWireWriter()
        w.string(rulesVersion)
        let parts = roots.keys.map { k -> [String] in
            switch k.material {
            case .ssh(let type, let blob): return ["ssh", type, blob, k.owner.name, k.owner.email]
            case .openpgp(let fpr, let armored): return ["openpgp", fpr, armored, k.owner.name, k.owner.email]
            }
        }
        w.uint32(UInt32(parts.count))
        for p in parts { for s in p { w.string(s) } }
        return hex(w.bytes)
    }

    /// The SHA-256 of `data` in lowercase hex.
    static func hex<D: DataProtocol>(_ data: D) -> String {
        Hex.lowercase(Crypto.SHA256.hash(data: data))
    }
}
