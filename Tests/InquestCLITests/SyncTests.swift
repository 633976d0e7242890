import Foundation
import InquestCore
import Testing
import TestSupport

/// `inquest sync`, `conflicts`, `resolve` and the merge driver, end to end: clones of a
/// bare repository served by a real `git daemon`, driven through the built binary.
@Suite struct SyncTests {
    @Test func independentChangesMergeWithoutConflict() throws {
        let c = try Cluster(clones: 2)
        let id = try c.ok(0, "new", "Token leaked in CI logs", "--severity", "sev2", "--tag", "ci")
        try c.ok(0, "sync")
        try c.ok(1, "sync")

        // Offline on both sides: additions, and changes to different fields of the incident.
        let evA = try c.ok(0, "timeline", "add", id, "--at", "2026-11-27T09:00Z", "--kind", "detection", "Scanner alert")
        let fA = try c.ok(0, "finding", "add", id, "--category", "technical-lapse", "--evidence", "ci.log", "Logs kept secrets")
        let fuA = try c.ok(0, "followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-15", "Mask secrets")
        try c.ok(0, "set", id, "owner=alice", "summary=A token was printed in CI logs.", "tags+=secrets")
        let evB = try c.ok(1, "timeline", "add", id, "--at", "2026-11-27T10:00Z", "--kind", "containment", "Token revoked")
        let fB = try c.ok(1, "finding", "add", id, "--category", "process-flaw", "No log retention policy")
        let fuB = try c.ok(1, "followup", "add", id, "--kind", "process", "--owner", "carol", "--due", "2027-01-10", "Retention policy")
        try c.ok(1, "set", id, "customer_impact=true", "impact=None known.", "tags+=logging", "detected=2026-11-27T09:00Z")

        try c.ok(0, "sync")
        let merged = try c.run(1, ["sync"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("Merged origin/postmortems"))
        #expect(!merged.stderr.contains("conflict"))
        try c.ok(0, "sync")

        #expect(try c.tip(0) == c.tip(1))
        #expect(try c.tip(0) == c.serverTip)
        let a = try c.show(0, id), b = try c.show(1, id)
        #expect(NSDictionary(dictionary: a) == NSDictionary(dictionary: b))
        #expect(a["owner"] as? String == "alice")
        #expect(a["customer_impact"] as? Bool == true)
        #expect(a["detected"] as? String == "2026-11-27T09:00:00Z")
        #expect(Set(a["tags"] as! [String]) == ["ci", "secrets", "logging"])
        let sections = a["sections"] as! [String: String]
        #expect(sections["summary"] == "A token was printed in CI logs.")
        #expect(sections["impact"] == "None known.")
        #expect(Set((a["timeline"] as! [[String: Any]]).map { $0["id"] as! String }) == [evA, evB])
        #expect(Set((a["findings"] as! [[String: Any]]).map { $0["id"] as! String }) == [fA, fB])
        #expect(Set((a["followups"] as! [[String: Any]]).map { $0["id"] as! String }) == [fuA, fuB])
        #expect((a["conflicts"] as! [Any]).isEmpty)
        #expect(try c.conflicts(1).isEmpty)

        // One merge commit with two parents, a meaningful message and the records trailer.
        let merge = try c.git(1, "log", "-1", "--merges", "--format=%s%n%P%n%(trailers:key=Inquest-Records,valueonly)",
                              "postmortems").lines
        #expect(merge.first == "sync: merge origin/postmortems")
        #expect(merge[1].split(separator: " ").count == 2)
        #expect(merge.dropFirst(2).joined(separator: ",").contains(id))
        try c.expectCleanRecords(1)
        try c.git(1, "fsck", "--strict", "--no-dangling")
    }

    @Test func sameFieldBecomesAConflictUntilResolved() throws {
        let c = try Cluster(clones: 3)
        let id = try c.ok(0, "new", "Phishing wave", "--severity", "sev3")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "set", id, "severity=sev1")
        try c.ok(1, "set", id, "severity=sev2")
        try c.ok(0, "sync")
        let r = try c.run(1, ["sync"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("1 new conflict"))
        try c.ok(0, "sync")
        try c.ok(2, "sync")

        for i in 0..<3 {
            let list = try c.conflicts(i)
            #expect(list.count == 1)
            let conflict = try #require(list.first)
            #expect(conflict["record"] as? String == id)
            #expect(conflict["incident"] as? String == id)
            #expect(conflict["field"] as? String == "severity")
            #expect(conflict["base"] as? String == "sev3")
            #expect(Set([conflict["ours"] as? String, conflict["theirs"] as? String]) == ["sev1", "sev2"])
            #expect(conflict["ours_commit"] is String && conflict["theirs_commit"] is String)
            let shown = try c.show(i, id)["conflicts"] as! [[String: Any]]
            #expect(shown.map { $0["field"] as? String } == ["severity"])
        }
        let text = try c.ok(2, "conflicts")
        #expect(text.contains("severity") && text.contains("sev1") && text.contains("sev2"))
        #expect(try c.ok(2, "show", id).contains("Conflicts (1), see `inquest conflicts`\n  \(id)  severity: ours sev1, theirs sev2"))

        // Bad input changes nothing and names record and field.
        let before = try c.tip(2)
        let bad = try c.run(2, ["resolve", id, "owner", "--ours"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(id): owner: no conflict"))
        #expect(try c.run(2, ["resolve", id, "severity", "--value", "sev9"]).status == 2)
        #expect(try c.run(2, ["resolve", id, "severity"]).status == 2)
        #expect(try c.tip(2) == before)

        try c.ok(2, "resolve", id, "severity", "--theirs")
        #expect(try c.git(2, "rev-list", "--count", "\(before)..postmortems").trimmed == "1")
        for i in [2, 0, 1, 2] { try c.ok(i, "sync") }
        for i in 0..<3 {
            #expect(try c.conflicts(i).isEmpty)
            #expect(try c.show(i, id)["severity"] as? String == "sev2")
            #expect(try c.tip(i) == c.serverTip)
            try c.expectCleanRecords(i)
        }
    }

    @Test func deletedFollowUpThatWasEditedSurvivesFlagged() throws {
        let c = try Cluster(clones: 2)
        let id = try c.ok(0, "new", "Laptop stolen")
        let fu = try c.ok(0, "followup", "add", id, "--kind", "process", "--owner", "bob", "--due", "2026-12-01", "Encrypt disks")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "followup", "delete", fu)
        try c.ok(1, "followup", "set", fu, "owner=carol", "status=in-progress")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "sync")

        for i in 0..<2 {
            let fus = try c.show(i, id)["followups"] as! [[String: Any]]
            #expect(fus.map { $0["id"] as? String } == [fu])
            #expect(fus.first?["owner"] as? String == "carol")
            let list = try c.conflicts(i)
            #expect(list.count == 1)
            #expect(list.first?["record"] as? String == fu)
            #expect(list.first?["field"] as? String == "record")
            #expect(list.first?["ours"] as? String == "deleted")
            #expect(list.first?["theirs"] as? String == "edited")
        }
        // Keep it on purpose: the conflict ends, the edit stays.
        try c.ok(0, "resolve", fu, "record", "--value", "edited")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        #expect(try c.conflicts(1).isEmpty)
        #expect((try c.show(1, id)["followups"] as! [Any]).count == 1)
    }

    @Test func plainGitMergeGivesTheSameRecordsAsSync() throws {
        let c = try Cluster(clones: 2)
        let id = try c.ok(0, "new", "DNS hijack", "--severity", "sev3", "--tag", "dns")
        let fu = try c.ok(0, "followup", "add", id, "--kind", "bug", "--owner", "bob", "--due", "2026-12-15", "Lock registrar")
        try c.ok(0, "set", id, "summary=First line.\n\nSecond paragraph.\n\nThird paragraph.")
        try c.ok(0, "sync")
        try c.ok(1, "sync")

        try c.ok(0, "set", id, "severity=sev1", "owner=alice", "tags+=registrar",
                 "summary=First line, clarified.\n\nSecond paragraph.\n\nThird paragraph.")
        try c.ok(0, "timeline", "add", id, "--at", "2026-11-27T08:00Z", "Records changed at the registrar")
        try c.ok(0, "followup", "set", fu, "priority=p1")
        try c.ok(1, "set", id, "severity=sev2", "customer_impact=true", "tags+=customers",
                 "summary=First line.\n\nSecond paragraph.\n\nThird paragraph, with numbers.")
        try c.ok(1, "finding", "add", id, "--category", "process-flaw", "Registrar lock was off")
        try c.ok(1, "followup", "set", fu, "owner=dana")
        try c.ok(1, "sync")

        // By hand: a worktree of the data branch and `git merge`, with the driver `init` registered.
        try c.git(0, "fetch", "-q", "origin")
        let wt = c.tmp.path + "/wt"
        try c.git(0, "worktree", "add", "-q", "-b", "by-hand", wt, "postmortems")
        let merge = try c.sandbox.run("git", ["merge", "--no-edit", "origin/postmortems"], cwd: wt, env: c.env(0))
        #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
        #expect(merge.stderr.contains("conflict on severity recorded"))

        // The same two commits through sync.
        try c.ok(0, "sync")
        let bySync = try c.records(0, "postmortems"), byHand = try c.records(0, "by-hand")
        #expect(bySync.keys.sorted() == byHand.keys.sorted())
        for (path, data) in bySync {
            #expect(byHand[path] == data, "\(path) differs:\n\(String(decoding: data, as: UTF8.self))\n---\n\(String(decoding: byHand[path] ?? Data(), as: UTF8.self))")
        }
        let incident = try c.show(0, id)
        #expect((incident["sections"] as! [String: String])["summary"]
                == "First line, clarified.\n\nSecond paragraph.\n\nThird paragraph, with numbers.")
        #expect((incident["conflicts"] as! [[String: Any]]).map { $0["field"] as? String } == ["severity"])
        try c.expectCleanRecords(0)
    }

    @Test func pushRefusedByTheServerKeepsEverythingLocal() throws {
        let c = try Cluster(clones: 2)
        let id = try c.ok(0, "new", "Insider access")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(0, "timeline", "add", id, "--at", "2026-11-27T08:00Z", "Access noticed")
        try c.ok(0, "sync")
        let ev = try c.ok(1, "timeline", "add", id, "--at", "2026-11-27T09:00Z", "Account disabled")
        let hook = c.server + "/hooks/pre-receive"
        try "#!/bin/sh\necho 'policy: INC is missing its summary, refusing' >&2\nexit 1\n".write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let serverBefore = try c.serverTip

        let r = try c.run(1, ["sync"])
        #expect(r.status == 4)
        #expect(r.stderr.contains("refused the push"))
        #expect(r.stderr.contains("remote: policy: INC is missing its summary, refusing"))
        #expect(try c.serverTip == serverBefore)
        // The local branch holds the merge: both events, nothing lost.
        let local = try c.git(1, "log", "-1", "--format=%P", "postmortems").split(separator: " ")
        #expect(local.count == 2)
        let events = (try c.show(1, id)["timeline"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(events.count == 2 && events.contains(ev))

        try FileManager.default.removeItem(atPath: hook)
        try c.ok(1, "sync")
        #expect(try c.serverTip == c.tip(1))
    }

    @Test func someoneElsePushingMidSyncIsMergedOnTheNextRound() throws {
        let c = try Cluster(clones: 3)
        let id = try c.ok(0, "new", "Race")
        try c.ok(0, "sync")
        try c.ok(1, "sync")
        try c.ok(2, "sync")
        let e1 = try c.ok(1, "timeline", "add", id, "--at", "2026-11-27T08:00Z", "From one")
        let e2 = try c.ok(2, "timeline", "add", id, "--at", "2026-11-27T09:00Z", "From two")
        try c.ok(0, "timeline", "add", id, "--at", "2026-11-27T10:00Z", "From zero")
        try c.ok(0, "sync")
        // A `git` in front of the real one: just before clone 1's first push, clone 2 syncs.
        let shim = c.tmp.sub("shim")
        let realGit = try c.sandbox.run("/bin/sh", ["-c", "command -v git"], cwd: c.tmp.path).trimmed
        try """
            #!/bin/sh
            if [ "$1" = push ] && [ ! -e "$MARK" ]; then
              touch "$MARK"
              (cd "$OTHER" && "$INQUEST" sync) >/dev/null 2>&1 || exit 99
            fi
            exec "\(realGit)" "$@"
            """.write(to: shim + "/git")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shim + "/git")
        let r = try c.sandbox.inquest(["sync"], in: c.clones[1], env: c.env(1).merging([
            "PATH": shim + ":" + c.sandbox.environment["PATH"]!, "MARK": c.tmp.path + "/mark",
            "OTHER": c.clones[2], "INQUEST": Binaries.inquest]) { $1 })
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: c.tmp.path + "/mark"))
        #expect(r.stderr.contains("fetching again"))
        #expect(try c.serverTip == c.tip(1))
        try c.ok(0, "sync")
        let events = Set((try c.show(0, id)["timeline"] as! [[String: Any]]).map { $0["id"] as! String })
        #expect(events.isSuperset(of: [e1, e2]) && events.count == 3)
    }

    @Test func remotesThatAreMissingOrUnreachableAreClear() throws {
        let fx = try Fixture()
        let none = try fx.run(["sync"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no remote 'origin'"))
        #expect(try fx.run(["sync", "upstream"]).stderr.contains("no remote named 'upstream'"))

        // A port nobody listens on: a network failure.
        try fx.git("remote", "add", "origin", "git://127.0.0.1:\(try GitDaemon.freePort())/nothing.git")
        let unreachable = try fx.run(["sync"])
        #expect(unreachable.status == 4)
        #expect(unreachable.stderr.contains("could not fetch 'postmortems' from 'origin'"))

        // A reachable remote without the branch: the first sync publishes it.
        let bare = fx.tmp.path + "/other.git"
        try fx.sandbox.git(["init", "-q", "--bare", bare], in: fx.tmp.path)
        try fx.git("remote", "add", "other", bare)
        let published = try fx.run(["sync", "other"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stderr.contains("Published 'postmortems' to other"))
        #expect(try fx.sandbox.git(["rev-parse", "postmortems"], in: bare).trimmed == fx.tip)
        let again = try fx.run(["sync", "other"])
        #expect(again.stderr.contains("Already up to date"))
    }

    @Test func initRegistersTheMergeDriver() throws {
        let fx = try Fixture()
        let driver = try fx.git("config", "--get", "merge.inquest.driver").trimmed
        #expect(driver.hasSuffix(" merge-driver %O %A %B %P"))
        let exe = String(driver.dropLast(" merge-driver %O %A %B %P".count))
        #expect(exe.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: exe))
        #expect(try fx.git("config", "--get", "merge.inquest.name").contains("Inquest"))
        #expect(try fx.git("show", "postmortems:.gitattributes").contains("incidents/**/*.md merge=inquest"))
    }
}
