import Foundation
import Testing
import TestSupport

/// The pull-request review of a postmortem by three people, against a real `git daemon`:
/// an investigator proposes findings on `review/x` from a fresh clone, a reviewer reads the
/// change from another fresh clone and merges it, the lead keeps working on the base.
/// Everyone signs with a real SSH key that the branch trusts.
@Suite struct ReviewFlowTests {
    /// One person with a clone, a key and an identity.
    struct Member {
        let name: String
        let email: String
        let key: String
        let clone: String
        var env: [String: String] {
            ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email]
        }
    }

    let cluster: Cluster
    let lead: Member, investigator: Member, reviewer: Member

    init() throws {
        cluster = try Cluster(clones: 1)
        let keys = cluster.tmp.sub("keys")
        func member(_ name: String, _ email: String, _ file: String, clone: String) throws -> Member {
            try Keys.ssh("\(keys)/\(file)", comment: email)
            return Member(name: name, email: email, key: "\(keys)/\(file)", clone: clone)
        }
        lead = try member("Lee Lead", "lee@example.com", "lee", clone: cluster.clones[0])
        investigator = try member("Ivy Investigator", "ivy@example.com", "ivy", clone: cluster.tmp.path + "/ivy")
        reviewer = try member("Rex Reviewer", "rex@example.com", "rex", clone: cluster.tmp.path + "/rex")
        try sign(lead)
    }

    /// Signing on, as git configures it: every inquest write (and merge) is signed.
    func sign(_ m: Member) throws {
        for (k, v) in [("gpg.format", "ssh"), ("user.signingkey", m.key), ("commit.gpgsign", "true")] {
            try cluster.sandbox.git(["config", k, v], in: m.clone)
        }
    }

    func run(_ m: Member, _ args: [String]) throws -> ProcessResult {
        try cluster.sandbox.inquest(args, in: m.clone, env: m.env)
    }

    @discardableResult
    func ok(_ m: Member, _ args: String...) throws -> String {
        let r = try run(m, args)
        guard r.status == 0 else { throw Failure("\(m.name): inquest \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
        return r.trimmed
    }

    @discardableResult
    func git(_ m: Member, _ args: String...) throws -> String { try cluster.sandbox.git(args, in: m.clone, env: m.env) }

    /// git itself as the judge of a signature, trusting the three members' keys.
    func gitVerifies(_ m: Member, _ commit: String) throws -> Bool {
        let file = cluster.tmp.path + "/allowed_signers"
        let lines = try [lead, investigator, reviewer].map { p in
            let words = try String(contentsOfFile: p.key + ".pub", encoding: .utf8).split(separator: " ")
            return "\(p.email) \(words[0]) \(words[1])"
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file)
        return try cluster.sandbox.run("git", ["-c", "gpg.ssh.allowedSignersFile=\(file)", "verify-commit", commit],
                                       cwd: m.clone).status == 0
    }

    @Test func investigatorProposesReviewerReadsChecksAndMerges() throws {
        // The lead makes the three keys trust roots and opens a sev1 incident that has
        // everything review needs except findings.
        try ok(lead, "trust", "init")
        try ok(lead, "trust", "add", investigator.key + ".pub", "--owner", "\(investigator.name) <\(investigator.email)>")
        try ok(lead, "trust", "add", reviewer.key + ".pub", "--owner", "\(reviewer.name) <\(reviewer.email)>")
        let inc = try ok(lead, "new", "OIDC tokens replayed against deploy API", "--severity", "sev1", "--owner", "lee",
                         "--started", "2026-11-20 08:00", "--detected", "2026-11-20T09:00Z")
        try ok(lead, "set", inc, "summary=Replayed tokens reached the deploy API.", "impact=No customer data.",
               "technical_summary=Tokens were accepted twice.", "actors=Unknown", "response=Rotated the key.",
               "takeaways=Check jti.", "contained=2026-11-20T10:00Z", "resolved=2026-11-20T12:00Z")
        try ok(lead, "timeline", "add", inc, "--at", "2026-11-20T09:00Z", "--kind", "detection", "Replay alert")
        try ok(lead, "status", inc, "resolved")
        try ok(lead, "sync")

        // The investigator: a fresh clone, no local postmortems branch, no fetch tricks.
        try cluster.sandbox.git(["clone", "-q", cluster.url, investigator.clone], in: cluster.tmp.path)
        try sign(investigator)
        let listed = try run(investigator, ["list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(inc))
        #expect(listed.stderr.contains("reading origin/postmortems"))
        #expect(!listed.stderr.contains("inquest init"))
        // Reading a remote-tracking branch works; writing to one is refused, clearly.
        let refused = try run(investigator, ["--branch", "origin/postmortems", "set", inc, "owner=ivy"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("'origin/postmortems' is a remote-tracking branch, not a local branch"))
        try git(investigator, "branch", "--no-track", "review/x", "origin/postmortems")
        let f1 = try ok(investigator, "--branch", "review/x", "finding", "add", inc, "--category", "technical-lapse",
                        "--evidence", "https://logs.example/replay/4711", "The jti claim was never compared")
        let f2 = try ok(investigator, "--branch", "review/x", "finding", "add", inc, "--category", "process-flaw",
                        "Nobody owned token validation")
        let fu1 = try ok(investigator, "--branch", "review/x", "followup", "add", inc, "--kind", "bug", "--owner", "ivy",
                         "--due", "2026-12-10", "--priority", "p1", "--finding", f1, "Reject replayed jti")
        try ok(investigator, "--branch", "review/x", "followup", "add", inc, "--kind", "process", "--owner", "lee",
               "--due", "2026-12-20", "--finding", f2, "Name an owner for token validation")
        try ok(investigator, "--branch", "review/x", "followup", "review", fu1, "--note", "Patch is in code review")
        let longLine = "The jti claim was logged by the gateway for every request but never compared against the cache of seen tokens, so a replay within the token lifetime passed."
        try ok(investigator, "--branch", "review/x", "set", inc,
               "technical_summary=Tokens were accepted twice.\n\(longLine)\nSee the replay log.")
        // One unsigned change, on purpose: the reviewer must see it.
        try ok(investigator, "--branch", "review/x", "set", inc, "owner=ivy", "--no-sign")
        try ok(investigator, "--branch", "review/x", "sync")

        // Meanwhile the lead changes the same field on the base: a real conflict.
        try ok(lead, "set", inc, "owner=lena")
        try ok(lead, "sync")

        // The reviewer: another fresh clone.
        try cluster.sandbox.git(["clone", "-q", cluster.url, reviewer.clone], in: cluster.tmp.path)
        try sign(reviewer)
        let range = "origin/postmortems...origin/review/x"
        let text = try run(reviewer, ["diff", range])
        #expect(text.status == 0, "\(text.stderr)")
        // Every field in full, the section as a line diff.
        #expect(text.stdout.contains("+ \(longLine)"))
        #expect(text.stdout.contains("  Tokens were accepted twice."))
        #expect(text.stdout.contains("owner: lee -> ivy"))
        #expect(text.stdout.contains("review note: 2026-11-28T12:00:00Z \(investigator.name) <\(investigator.email)>: Patch is in code review"))
        // Gate verdicts before and after.
        #expect(text.stdout.contains("\(inc) cannot move to review yet (1 problem)"))
        #expect(text.stdout.contains("new problem: \(inc) \(f2): evidence: has none; review needs it"))
        #expect(text.stdout.contains("fixed: \(inc): findings: has 0; review needs at least 1"))
        // Signature states: the investigator's signed commits are good, one is unsigned.
        #expect(text.stdout.contains("7 commits (6 good, 0 bad, 1 unsigned, 0 untrusted)"), "\(text.stdout)")
        #expect(text.stdout.contains("[good: \(investigator.name) <\(investigator.email)>"))
        // Three dots: the lead's later change on the base is not the review branch's.
        #expect(!text.stdout.contains("lena"))

        let json = try JSONSerialization.jsonObject(with: Data(try ok(reviewer, "diff", range, "--json").utf8)) as! [String: Any]
        let signatures = json["signatures"] as! [String: Int]
        #expect(signatures["good"] == 6 && signatures["unsigned"] == 1)
        let incident = (json["incidents"] as! [[String: Any]])[0]
        #expect((incident["before"] as! [String: Any])["can_move_on"] as? Bool == false)
        #expect((incident["after"] as! [String: Any])["highest"] as? String == "resolved")
        let records = incident["records"] as! [[String: Any]]
        let section = (records[0]["fields"] as! [[String: Any]]).first { $0["field"] as? String == "technical_summary" }!
        #expect((section["to"] as! String).contains(longLine))
        #expect((section["lines"] as! [[String: String]]).contains { $0 == ["op": "+", "text": longLine] })

        // check --range with three dots: the incident passes its own status (resolved)...
        let checked = try run(reviewer, ["check", "--range", range])
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(checked.stderr.contains("\(inc) (resolved): cannot move to review yet (1 problem)"))
        // ...and `check --as review` refuses what review would refuse.
        let asReview = try run(reviewer, ["--branch", "origin/review/x", "check", "--as", "review", inc])
        #expect(asReview.status == 1)
        #expect(asReview.stdout.contains("\(inc) \(f2): evidence: has none; review needs it"))
        let statusRefused = try run(investigator, ["--branch", "review/x", "status", inc, "review"])
        #expect(statusRefused.status == 1)

        // The investigator adds the evidence; the reviewer fetches and sees it ready.
        try ok(investigator, "--branch", "review/x", "set", f2, "evidence=https://wiki.example/ownership")
        try ok(investigator, "--branch", "review/x", "sync")
        try git(reviewer, "fetch", "-q", "origin")
        let ready = try run(reviewer, ["--branch", "origin/review/x", "check", "--as", "review", inc])
        #expect(ready.status == 0, "\(ready.stdout)")
        let after = try ok(reviewer, "diff", range)
        #expect(after.contains("\(inc) can now move to review"))

        // The Markdown for the pull request parses as CommonMark, with the expected tables.
        let md = try ok(reviewer, "diff", "--format", "markdown", range)
        let doc = try CommonMarkDocument(markdown: md, sandbox: cluster.sandbox)
        #expect(doc.headings.first == "Inquest: postmortem changes in \(range)")
        #expect(doc.headings.contains("\(inc): OIDC tokens replayed against deploy API"))
        let tables = doc.tables
        #expect(tables.count == 3)
        #expect(tables[0] == [["Incident", "Status", "Could move to", "Verdict"],
                              ["\(inc) OIDC tokens replayed against deploy API", "resolved", "review", "\(inc) can now move to review"]])
        #expect(tables[1][0] == ["Record", "Change", "Field", "Before", "After"])
        #expect(tables[1].contains([inc, "modified", "owner", "lee", "ivy"]))
        #expect(tables[1].contains([f2, "added", "evidence", "", "[https://wiki.example/ownership]"]))
        #expect(tables[1].contains([f2, "added", "title", "", "Nobody owned token validation"]))
        #expect(tables[1].contains { $0[0] == fu1 && $0[1] == "review note" && $0[4].hasSuffix(": Patch is in code review") })
        #expect(tables[2][0] == ["Commit", "Signature", "Signed by", "Author", "Subject"])
        #expect(tables[2].count == 1 + 8)
        #expect(doc.nodes("code_block").contains { $0.text.contains("+ \(longLine)") })
        // Only the diff's own HTML: the <details> folds, and <br> in cells.
        #expect(doc.nodes("html_block").allSatisfy { $0.text.hasPrefix("<details>") || $0.text.hasPrefix("</details>") })

        // A dry run shows the merge's diff and writes nothing.
        let dry = try run(reviewer, ["merge", "--dry-run", "origin/review/x"])
        #expect(dry.status == 0, "\(dry.stderr)")
        // (Which value is "ours" is canonical, the same whichever side merges.)
        #expect(dry.stdout.contains("conflict \(inc) owner: ours lena, theirs ivy")
                || dry.stdout.contains("conflict \(inc) owner: ours ivy, theirs lena"))
        #expect(dry.stderr.contains("nothing was written"))
        #expect(try cluster.sandbox.run("git", ["rev-parse", "--verify", "-q", "refs/heads/postmortems"], cwd: reviewer.clone).status != 0)

        // The merge: record by record, the conflict kept as data, the commit signed.
        let merged = try run(reviewer, ["merge", "origin/review/x"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("Merged origin/review/x:"))
        #expect(merged.stderr.contains("1 new conflict recorded:"))
        #expect(merged.stderr.contains("  \(inc) owner"))
        let tip = try git(reviewer, "rev-parse", "refs/heads/postmortems").trimmed
        let parents = try git(reviewer, "rev-list", "--parents", "-n", "1", tip).split(separator: " ").map { String($0).trimmed }
        #expect(parents.count == 3)
        #expect(parents[1] == (try git(reviewer, "rev-parse", "origin/postmortems").trimmed))
        #expect(parents[2] == (try git(reviewer, "rev-parse", "origin/review/x").trimmed))
        #expect(try gitVerifies(reviewer, tip))
        #expect(try git(reviewer, "config", "branch.postmortems.remote").trimmed == "origin")
        let conflicts = try JSONSerialization.jsonObject(with: Data(try ok(reviewer, "conflicts", "--json").utf8)) as! [[String: Any]]
        #expect(conflicts.contains { c in
            c["field"] as? String == "owner" && Set([c["ours"] as? String, c["theirs"] as? String]) == Set(["lena", "ivy"])
        }, "\(conflicts)")
        let shown = try ok(reviewer, "show", inc)
        #expect(shown.contains("reviewed 2026-11-28T12:00:00Z by \(investigator.name) <\(investigator.email)>: Patch is in code review"))
        let verified = try run(reviewer, ["verify", "origin/postmortems..postmortems"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("good") && verified.stderr.contains("1 unsigned"))
        try ok(reviewer, "sync")
        #expect(try cluster.serverTip == tip)
        try ok(lead, "sync")
        try cluster.expectCleanRecords(0)
    }
}
