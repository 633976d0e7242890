import Foundation
import GitKit
import Synchronization
import Testing
import TestSupport
@testable import InquestCore

/// The verdict cache is an optimisation only: anything wrong with the file means it is
/// rebuilt, and what comes out of a check never depends on it.
@Suite struct VerdictCacheTests {
    static let commitA = OID(hex: String(repeating: "a", count: 40))!
    static let commitB = OID(hex: String(repeating: "b", count: 40))!
    static let trust = TrustDigest.of(TrustRoots())
    static let treeA = OID(hex: String(repeating: "c", count: 40))!

    /// A cache file with two entries, one with every awkward character in its reason, and
    /// the trust subtrees of two commits (one has none).
    func written(_ dir: String) -> VerdictCache {
        let c = VerdictCache(directory: dir)
        c.store(Self.commitA, trust: Self.trust,
                SignatureCheck(state: .good, format: .ssh, fingerprint: "SHA256:abc", signer: KeyOwner(name: "A\tB", email: "a@x")),
                validUntil: nil)
        c.store(Self.commitB, trust: Self.trust,
                SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: "ABCD", reason: "tab\there\nline\\slash\r\nCRLF",
                               keyStatus: .revoked), validUntil: 4_000_000_000)
        c.storeTrustTree(Self.commitA, Self.treeA)
        c.storeTrustTree(Self.commitB, nil)
        c.save()
        return c
    }

    @Test func entriesRoundTripExactly() throws {
        let tmp = TempDir()
        _ = written(tmp.path)
        let again = VerdictCache(directory: tmp.path)
        #expect(again.discarded == nil)
        #expect(again.count == 2)
        #expect(again.trustTreeCount == 2)
        #expect(again.trustTree(of: Self.commitA) == .some(Self.treeA))
        #expect(again.trustTree(of: Self.commitB) == .some(nil))
        #expect(again.trustTree(of: OID(hex: String(repeating: "d", count: 40))!) == nil)
        #expect(again.lookup(Self.commitA, trust: Self.trust)?.signer == KeyOwner(name: "A\tB", email: "a@x"))
        let b = try #require(again.lookup(Self.commitB, trust: Self.trust))
        #expect(b == SignatureCheck(state: .untrusted, format: .openpgp, fingerprint: "ABCD",
                                    reason: "tab\there\nline\\slash\r\nCRLF", keyStatus: .revoked))
        // The file itself, parsed (a cache made in this process reads its own writes from memory).
        let parsed = try VerdictCache.parse(try Data(contentsOf: URL(fileURLWithPath: again.path))).get()
        #expect(parsed.entries[VerdictCache.Key(commit: Self.commitB, trust: Self.trust)]?.check.reason == "tab\there\nline\\slash\r\nCRLF")
        #expect(parsed.trees[Self.commitA] == .some(Self.treeA) && parsed.trees[Self.commitB] == .some(nil))
        // Another trust state is another key.
        #expect(again.lookup(Self.commitA, trust: TrustDigest.of(TrustRoots(keys: [
            TrustedKey(material: .ssh(type: "ssh-ed25519", blob: "AAAA"), owner: KeyOwner(name: "", email: "m@x"))]))) == nil)
        // A verdict past its time (an OpenPGP key's expiry) is not used.
        let later = VerdictCache(directory: tmp.path, now: { 4_000_000_001 })
        #expect(later.lookup(Self.commitB, trust: Self.trust) == nil)
        #expect(later.lookup(Self.commitA, trust: Self.trust) != nil)
    }

    /// Each way a file can be wrong: nothing of it is used, and the next save rebuilds it.
    @Test(arguments: ["altered", "truncated", "foreign version", "empty", "garbage", "count",
                      "trust subtree altered", "trust subtree unreadable", "trust subtree count", "one count"])
    func aDamagedFileIsDiscardedWholeAndRebuilt(damage: String) throws {
        let tmp = TempDir()
        let c = written(tmp.path)
        let path = c.path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        /// The body changed by `edit`, with a checksum that matches: well-formed but wrong.
        func resealed(_ edit: (String) -> String) -> String {
            let body = edit(text).components(separatedBy: "\n").dropLast(2).joined(separator: "\n") + "\n"
            return body + "sha256 \(sha256Hex(Data(body.utf8)))\n"
        }
        switch damage {
        case "altered": text = text.replacingOccurrences(of: "\tuntrusted\t", with: "\tgood\t")
        case "truncated": text = String(text.prefix(text.count / 2))
        case "foreign version":
            // A well-formed file of another version, checksum and all.
            text = resealed { $0.replacingOccurrences(of: "inquest-verdicts 2 ", with: "inquest-verdicts 3 ") }
        case "empty": text = ""
        case "garbage": text = String(repeating: "\u{0}\u{1}xyz\t\n", count: 50)
        case "count":
            text = resealed { $0.replacingOccurrences(of: "inquest-verdicts 2 2 2", with: "inquest-verdicts 2 3 2") }
        case "trust subtree altered":
            // Another subtree for commit A, without the checksum to match.
            text = text.replacingOccurrences(of: Self.treeA.hex, with: String(repeating: "e", count: 40))
        case "trust subtree unreadable":
            text = resealed { $0.replacingOccurrences(of: "\t" + Self.treeA.hex, with: "\tnot-a-tree") }
        case "trust subtree count":
            text = resealed { $0.replacingOccurrences(of: "inquest-verdicts 2 2 2", with: "inquest-verdicts 2 2 1") }
        case "one count":
            // The format before trust subtrees: one count in the header.
            text = resealed { $0.replacingOccurrences(of: "inquest-verdicts 2 2 2", with: "inquest-verdicts 2 2") }
        default: Issue.record("unknown damage")
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let reread = VerdictCache(directory: tmp.path)
        #expect(reread.count == 0, "\(damage): entries of a damaged file were used")
        #expect(reread.trustTreeCount == 0, "\(damage): trust subtrees of a damaged file were used")
        #expect(reread.trustTree(of: Self.commitA) == nil)
        #expect(reread.discarded != nil, "\(damage)")
        #expect(reread.lookup(Self.commitB, trust: Self.trust) == nil)
        reread.store(Self.commitA, trust: Self.trust, SignatureCheck(state: .bad, reason: "x"), validUntil: nil)
        reread.save()
        let rebuilt = VerdictCache(directory: tmp.path)
        #expect(rebuilt.discarded == nil)
        #expect(rebuilt.count == 1)
        #expect(rebuilt.trustTreeCount == 0)
        #expect(rebuilt.lookup(Self.commitA, trust: Self.trust)?.state == .bad)
    }

    /// Many runs saving at once (threads here, processes in real life; the rename is the
    /// same): every read sees a whole file, never half of one, and the last file holds at
    /// least the last writer's entries.
    @Test func concurrentRunsNeverLeaveADamagedFile() throws {
        let tmp = TempDir()
        let dir = tmp.path
        let damaged = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<5 {
                let c = VerdictCache(directory: dir)
                if c.discarded != nil { damaged.withLock { $0 += 1 } }
                for i in 0..<200 {
                    let hex = String(format: "%02x%02x%04x", worker, round, i) + String(repeating: "0", count: 32)
                    c.store(OID(hex: hex)!, trust: Self.trust, SignatureCheck(state: .good, reason: "w\(worker)"), validUntil: nil)
                }
                c.save()
            }
        }
        #expect(damaged.withLock { $0 } == 0)
        let final = VerdictCache(directory: dir)
        #expect(final.discarded == nil)
        #expect(final.count >= 200)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/inquest").filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    func sha256Hex(_ d: Data) -> String {
        TrustDigest.hex(d)
    }
}
