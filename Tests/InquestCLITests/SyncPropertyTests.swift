import Foundation
import GitKit
import InquestCore
import Testing
import TestSupport

/// Random offline work on three clones, synced through a git daemon in random orders:
/// every clone ends with the same records, every addition survives (a follow-up deleted on
/// one clone may survive only as an edit-versus-delete conflict), every record parses and
/// none has conflict markers, and each merge gives the same tree in the other order.
@Suite struct SyncPropertyTests {
    /// What the clones added, to check nothing was lost.
    final class Ledger {
        var records: [RecordID] = []
        var deletedFollowUps = Set<RecordID>()
        var tags = Set<String>()
        var merges = 0
        var refused = 0
    }

    @Test func randomOfflineWorkConvergesAndLosesNothing() throws {
        let seed = SeededRandom.seed()
        let context = "seed \(seed) (replay with INQUEST_SEED=\(seed))"
        print("SyncPropertyTests: \(context)")
        var rng = SeededRandom(seed: seed)
        let c = try Cluster(clones: 3)
        let incidents = [try c.ok(0, "new", "Credential stuffing"), try c.ok(0, "new", "Leaked bucket")]
        try c.ok(0, "sync")
        for i in 1..<3 { try c.ok(i, "sync") }
        let clones = try (0..<3).map { i in
            Postmortems(store: try Store.open(path: c.clones[i], branch: nil,
                                              environment: c.sandbox.environment.merging(c.env(i)) { $1 }),
                        now: Date(timeIntervalSince1970: 1_795_000_000))
        }
        let ledger = Ledger()

        // A few rounds keep the suite fast; INQUEST_SYNC_ROUNDS runs a longer search.
        let rounds = ProcessInfo.processInfo.environment["INQUEST_SYNC_ROUNDS"].flatMap(Int.init) ?? 5
        for round in 0..<rounds {
            for i in (0..<3).shuffled(using: &rng) {
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    try Self.randomEdit(clones[i], who: i, incidents: incidents, ledger, &rng)
                }
                if Bool.random(using: &rng) || round == rounds - 1 {
                    try Self.sync(clones[i], ledger, context: context)
                }
            }
        }
        for i in [0, 1, 2, 0, 1, 2] { try Self.sync(clones[i], ledger, context: context) }

        let server = try c.serverTip
        for i in 0..<3 { #expect(try c.tip(i) == server, "\(context): clone \(i) did not converge") }
        let snap = try clones[0].snapshot()
        var present = Set<RecordID>()
        var tags = Set<String>()
        for loc in try snap.incidents() {
            let bundle = try snap.bundle(loc)
            present.insert(bundle.incident.id)
            tags.formUnion(bundle.incident.tags)
            present.formUnion(bundle.events.map(\.id) + bundle.findings.map(\.id) + bundle.followUps.map(\.id))
        }
        for id in ledger.records where !ledger.deletedFollowUps.contains(id) {
            #expect(present.contains(id), "\(context): \(id) was lost")
        }
        #expect(tags.isSuperset(of: ledger.tags), "\(context): tags lost: \(ledger.tags.subtracting(tags))")
        try c.expectCleanRecords(0)
        try c.git(0, "fsck", "--strict", "--no-dangling")
        #expect(ledger.merges > 0, "\(context): no sync had to merge")
        print("SyncPropertyTests: \(ledger.records.count) records added, \(ledger.merges) merges, \(ledger.refused) refused edits, \(try clones[0].conflicts().count) conflicts left")
    }

    static func sync(_ pm: Postmortems, _ ledger: Ledger, context: String) throws {
        let report = try pm.sync(remote: nil) { _ in }
        guard report.outcome == .merged, let tip = report.tip else { return }
        ledger.merges += 1
        // The merge commit's tree is what merging its parents the other way round gives.
        let repo = pm.store.repository
        let commit = try repo.commit(tip)
        if commit.parents.count == 2 {
            let other = try pm.store.merge(ours: commit.parents[1], theirs: commit.parents[0])
            #expect(other.tree == commit.tree, "\(context): merge of \(commit.parents) depends on the order")
        }
    }

    static func randomEdit(_ pm: Postmortems, who: Int, incidents: [String], _ ledger: Ledger,
                           _ rng: inout SeededRandom) throws {
        let incident = incidents.randomElement(using: &rng)!
        let n = Int.random(in: 0..<1000, using: &rng)
        func set(_ id: String, _ field: String, _ value: String, _ op: Assignment.Operation = .set) throws {
            try pm.set(id, [Assignment(field: field, operation: op, value: value)])
        }
        do {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                ledger.records.append(try pm.addEvent(incident, at: Timestamp(seconds: 1_795_000_000 + Int64(n) * 60),
                                                      kind: .action, text: "Event \(n) by \(who)", evidence: []))
            case 1:
                ledger.records.append(try pm.addFinding(incident, category: .processFlaw, title: "Finding \(n)",
                                                        evidence: ["log-\(n).txt"]))
            case 2:
                // A process item: done needs no proof from code (done_requires), so any clone may close it.
                var spec = Postmortems.NewFollowUp(kind: .process, owner: "owner\(who)", due: Day(days: 20_800), title: "Fix \(n)")
                spec.priority = .p2
                ledger.records.append(try pm.addFollowUp(incident, spec))
            case 3:
                try set(incident, ["severity", "owner", "title"].randomElement(using: &rng)!,
                        ["sev1", "sev2", "sev4"].randomElement(using: &rng)!)
            case 4:
                let tag = "tag-\(who)-\(n)"
                try set(incident, "tags", tag, .add)
                ledger.tags.insert(tag)
            case 5:
                let current = try pm.bundle(incident).incident.sections["summary"] ?? ""
                var paragraphs = current.isEmpty ? ["One.", "Two.", "Three."] : current.components(separatedBy: "\n\n")
                paragraphs[Int.random(in: 0..<paragraphs.count, using: &rng)] = "Paragraph by \(who), \(n)."
                try set(incident, "summary", paragraphs.joined(separator: "\n\n"))
            case 6, 7:
                guard let fu = try pm.bundle(incident).followUps.randomElement(using: &rng) else { return }
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    try pm.deleteFollowUp(fu.id.description)
                    ledger.deletedFollowUps.insert(fu.id)
                } else {
                    let (field, values) = [("owner", ["ana", "ben", "cy"]), ("priority", ["p1", "p2", "p3"]),
                                           ("status", ["open", "in-progress", "blocked", "done"])].randomElement(using: &rng)!
                    try set(fu.id.description, field, values.randomElement(using: &rng)!)
                }
            case 8:
                guard let f = try pm.bundle(incident).findings.randomElement(using: &rng) else { return }
                try set(f.id.description, "evidence", "more-\(who)-\(n).txt", .add)
            default:
                guard let conflict = try pm.conflicts().randomElement(using: &rng) else { return }
                let choice: ResolveChoice = Bool.random(using: &rng) ? .ours : .theirs
                try pm.resolve(conflict.record.description, field: conflict.conflict.field, choice)
            }
        } catch let e as InquestError where e.kind == .invalid {
            // A choice the rules refuse (resolving a required field to nothing): no change.
            ledger.refused += 1
        }
    }
}
