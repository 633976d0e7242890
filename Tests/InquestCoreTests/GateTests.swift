import Foundation
import GitKit
import Testing
import TestSupport
@testable import InquestCore

/// The two functions other parts call: the sign-off gate (policy `signoff_by_other`) and the
/// signature check of the server's pre-receive hook. Real SSH keys throughout.
@Suite struct GateTests {
    @Test func signoffNeedsAGoodApprovalByATrustedSignerOtherThanTheAuthor() throws {
        let w = try CoreWorld()
        let alice = try w.alice()
        #expect(try alice.initialize()) // signed: Alice's key is the first trust root
        try alice.addTrustRoot(try w.pub("bob"), owner: "Bob <bob@example.com>")
        let id = try alice.create(.init(title: "Leaked token"))

        func problems() throws -> [Problem] {
            let snap = try alice.snapshot()
            return try signoffProblems(for: try alice.bundle(id.description), snapshot: snap,
                                       environment: w.sandbox.environment)
        }
        var p = try problems()
        #expect(p.count == 1)
        #expect(p[0].record == id.description && p[0].field == "approvals")
        #expect(p[0].message.contains("other than the incident's author (alice@example.com)"))

        // The author's own approval is refused up front, nothing written...
        let before = try alice.store.tip
        let own = #expect(throws: InquestError.self) { try alice.approve(id.description) }
        #expect(own?.description.contains("you created \(id)") == true)
        #expect(try alice.store.tip == before)
        // ...and one written by hand does not count.
        let aliceKey = try TrustedKey.Material.sshPublicKey(String(contentsOfFile: try w.key("alice") + ".pub", encoding: .utf8))!
        try alice.store.write(try alice.writer()) { snap, changes in
            let loc = try snap.locate(id.description, kinds: [.incident])
            var incident = try snap.incident(loc.incident)
            incident.approvals.append(Approval(by: "Alice", email: "alice@example.com", key: aliceKey.fingerprint,
                                               at: Timestamp(seconds: 2)))
            changes.put(incident, at: loc.path)
            return "self-approval by hand"
        }
        p = try problems()
        #expect(p.contains { $0.message.contains("alice@example.com is the incident's author") })

        // Nor does one by a key that is not a trust root.
        _ = try w.mallory().approve(id.description)
        p = try problems()
        #expect(p.contains { $0.message.contains("mallory@example.com") && $0.message.contains("is untrusted") })

        // Nor an entry Alice writes in Bob's name: her key signed it, not his.
        let bobKey = try TrustedKey.Material.sshPublicKey(String(contentsOfFile: try w.key("bob") + ".pub", encoding: .utf8))!
        try alice.store.write(try alice.writer()) { snap, changes in
            let loc = try snap.locate(id.description, kinds: [.incident])
            var incident = try snap.incident(loc.incident)
            incident.approvals.append(Approval(by: "Bob", email: "bob@example.com", key: bobKey.fingerprint,
                                               at: Timestamp(seconds: 1)))
            changes.put(incident, at: loc.path)
            return "forged approval"
        }
        p = try problems()
        #expect(p.contains { $0.message.contains("bob@example.com") && $0.message.contains("was signed by SHA256:") })
        #expect(!p.isEmpty)

        // Bob's own, signed with his trusted key, does.
        let bobs = try w.bob().approve(id.description)
        #expect(bobs.recorded && bobs.gateProblems.isEmpty)
        #expect(try problems().isEmpty)
        #expect(try alice.bundle(id.description).incident.approvals.map(\.email)
                == ["alice@example.com", "mallory@example.com", "bob@example.com", "bob@example.com"])
    }

    @Test func theAuthorIsTheCreatorOfTheIncidentWhoeverEditedItLater() throws {
        let w = try CoreWorld()
        let alice = try w.alice()
        _ = try alice.initialize()
        try alice.addTrustRoot(try w.pub("bob"), owner: "Bob <bob@example.com>")
        let bob = try w.bob()
        let id = try bob.create(.init(title: "Bob's incident"))
        try alice.set(id.description, [try Assignment.parse("owner=alice")])
        // Bob signed the creating commit: he is the author, whoever edited it later.
        let refused = #expect(throws: InquestError.self) { try bob.approve(id.description) }
        #expect(refused?.description.contains("signed by your key (Bob <bob@example.com>)") == true)
        let snap = try alice.snapshot()
        let bundle = try alice.bundle(id.description)
        #expect(try signoffProblems(for: bundle, snapshot: snap, environment: w.sandbox.environment)
            .contains { $0.message.contains("other than the incident's author (bob@example.com)") })
        _ = try alice.approve(id.description)
        #expect(try signoffProblems(for: try alice.bundle(id.description), snapshot: try alice.snapshot(),
                                    environment: w.sandbox.environment).isEmpty)
    }

    @Test func anUnprovenAuthorNeedsTwoTrustedSignersWithDifferentOwners() throws {
        let w = try CoreWorld()
        let alice = try w.alice()
        _ = try alice.initialize()
        try alice.addTrustRoot(try w.pub("bob"), owner: "Bob <bob@example.com>")
        try alice.addTrustRoot(try w.pub("carol"), owner: "Carol <carol@example.com>")
        let carol = try w.as_("Carol", "carol@example.com")
        // Created unsigned, claiming to be Bob: nothing proves who wrote it.
        let claimed = try w.as_("Bob", "bob@example.com", signer: .some(nil))
        let id = try claimed.create(.init(title: "Who wrote this?")).description
        func problems() throws -> [Problem] {
            try signoffProblems(for: try alice.bundle(id), snapshot: try alice.snapshot(), environment: w.sandbox.environment)
        }
        #expect(try problems().contains { $0.message.contains("the incident's author is unproven: commit") && $0.message.contains("is unsigned") })

        // Bob is the claimed author: refused up front. Carol alone is one owner: not enough.
        #expect(throws: InquestError.self) { try w.bob().approve(id) }
        _ = try carol.approve(id)
        var p = try problems()
        #expect(p.contains { $0.message.contains("carol@example.com") && $0.message.contains("needs two trusted signers with different owners") })
        let statuses = try approvalStatuses(for: try alice.bundle(id), snapshot: try alice.snapshot(),
                                            verifier: try CommitVerifier(store: alice.store))
        #expect(statuses.map(\.counts) == [false])

        // A second key of Carol's is still Carol: not a second owner.
        try alice.addTrustRoot(try w.pub("carol2"), owner: "Carol <carol@example.com>")
        let carol2 = try w.as_("Carol", "carol@example.com",
                               signer: .some(SSHSigner(key: try w.key("carol2"), baseDirectory: w.repo,
                                                       environment: w.environment("Carol", "carol@example.com"))))
        _ = try carol2.approve(id)
        p = try problems()
        #expect(!p.isEmpty)

        // Alice is a second owner: now it counts.
        _ = try alice.approve(id)
        #expect(try problems().isEmpty)
    }

    /// The sign-off gate reads the history once per run, however many approved incidents it
    /// judges: one walk, each commit read once, one scan for where incidents and approvals
    /// originate. (Benchmarks/signoff.sh reports the same counts on 1,000 incidents.)
    @Test(arguments: [1, 4])
    func theGateReadsTheHistoryOncePerRun(incidents: Int) throws {
        let w = try CoreWorld()
        let alice = try w.alice()
        _ = try alice.initialize()
        try alice.addTrustRoot(try w.pub("bob"), owner: "Bob <bob@example.com>")
        let bob = try w.bob()
        var ids: [String] = []
        for i in 0..<incidents {
            var spec = Postmortems.NewIncident(title: "Incident \(i)")
            spec.severity = .sev1 // a full postmortem: the gate `signoff_by_other` applies
            let id = try alice.create(spec).description
            _ = try bob.approve(id)
            ids.append(id)
        }
        // Every incident at `approved`, so the gate judges each one.
        try alice.store.write(try alice.writer()) { snap, changes in
            for id in ids {
                let loc = try snap.locate(id, kinds: [.incident])
                var incident = try snap.incident(loc.incident)
                incident.status = .approved
                changes.put(incident, at: loc.path)
            }
            return "every incident approved"
        }
        var made: [CommitVerifier] = []
        let v = try Validator(snapshot: try alice.snapshot(), environment: w.sandbox.environment, verifier: {
            let verifier = try CommitVerifier(store: alice.store)
            made.append(verifier)
            return verifier
        })
        let problems = try v.problemsOfAll()
        #expect(!problems.contains { $0.field == "approvals" }, "\(problems.filter { $0.field == "approvals" })")
        let total = try #require(Int(try w.sandbox.git(["rev-list", "--count", "postmortems"], in: w.repo)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(total == 3 + 2 * incidents)
        #expect(made.count == 1)
        let stats = try #require(made.first).stats
        #expect(stats.originScans == 1)
        #expect(stats.historyPasses == 1)
        #expect(stats.commitsRead == total)
    }

    @Test func pushCheckRefusesUnsignedAndUntrustedCommitsWhenRequired() throws {
        let w = try CoreWorld()
        let alice = try w.alice()
        _ = try alice.initialize()
        let store = alice.store
        let old = try store.tip!
        let id = try alice.create(.init(title: "Good commit"))
        let unsigned = try w.alice(.some(nil))
        try unsigned.set(id.description, [try Assignment.parse("owner=nobody")])
        try w.mallory().set(id.description, [try Assignment.parse("owner=mallory")])
        let new = try store.tip!

        let verifier = try CommitVerifier(store: store)
        defer { verifier.close() }
        let commits = try store.repository.walk(from: [new], hiding: [old])
        #expect(commits.count == 3)
        #expect(try unsignedOrUntrusted(commits: commits, verifier: verifier, requireSigned: false).isEmpty)
        let refused = try unsignedOrUntrusted(commits: commits, verifier: verifier, requireSigned: true)
        #expect(refused.map(\.field) == ["signature", "signature"])
        #expect(refused.map(\.record) == ["commit \(commits[0].short)", "commit \(commits[1].short)"])
        #expect(refused[0].message.hasPrefix("untrusted") && refused[1].message.hasPrefix("unsigned"))

        // Through the hook's entry point, the policy already on the branch decides.
        #expect(try pushSignatureProblems(store: store, oldTip: old.hex, newTip: new.hex).isEmpty)
        try alice.store.write(try alice.writer()) { snap, changes in
            let text = String(decoding: try snap.data(at: Layout.policyPath)!, as: UTF8.self)
            changes.put(Layout.policyPath, Data(text.replacingOccurrences(of: "require_signed: false", with: "require_signed: true").utf8))
            return "require signatures"
        }
        let guarded = try store.tip!
        try unsigned.set(id.description, [try Assignment.parse("owner=someone")])
        let pushed = try store.tip!
        let problems = try pushSignatureProblems(store: store, oldTip: guarded.hex, newTip: pushed.hex)
        #expect(problems.count == 1 && problems[0].description == "commit \(pushed.short): signature: unsigned: the commit is not signed")
        // A new branch is judged by its own policy; zeros mean "did not exist".
        #expect(try pushSignatureProblems(store: store, oldTip: String(repeating: "0", count: 40), newTip: pushed.hex).count == 3)

        // A bad signature is refused even where signatures are optional.
        let raw = try w.sandbox.git(["cat-file", "commit", new.hex], in: w.repo)
            .replacingOccurrences(of: "set owner", with: "set nothing")
        try raw.write(to: w.tmp.path + "/bad")
        let bad = try #require(OID(hex: try w.sandbox.git(["hash-object", "-t", "commit", "-w", w.tmp.path + "/bad"], in: w.repo)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let badProblems = try unsignedOrUntrusted(commits: [bad], verifier: verifier, requireSigned: false)
        #expect(badProblems.count == 1 && badProblems[0].message.hasPrefix("bad"))
    }
}
