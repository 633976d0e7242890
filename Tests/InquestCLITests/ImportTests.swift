import Foundation
import InquestCLI
import InquestCore
import Testing
import TestSupport

/// `inquest import`: all or nothing unless told otherwise, every problem named, IDs and
/// dates kept, nothing the source wrote dropped, one packed (and signed) commit.
@Suite struct ImportTests {
    static let goodMarkdown = """
        ---
        title: Disk filled on the build host
        severity: sev3
        started: 2024-03-04 10:00
        ---

        ## Summary

        The disk filled up.
        """

    /// A folder of three good postmortems and one with a bad severity.
    func folder(_ fx: Fixture, bad: Bool = true) throws -> String {
        let dir = fx.tmp.sub("old-postmortems")
        try FileManager.default.createDirectory(atPath: dir + "/2024", withIntermediateDirectories: true)
        try Self.goodMarkdown.write(to: dir + "/a.md")
        try Self.goodMarkdown.replacingOccurrences(of: "Disk filled", with: "Cert expired").write(to: dir + "/b.md")
        try Self.goodMarkdown.replacingOccurrences(of: "Disk filled", with: "DNS outage").write(to: dir + "/2024/c.md")
        if bad {
            try Self.goodMarkdown.replacingOccurrences(of: "severity: sev3", with: "severity: catastrophic")
                .write(to: dir + "/2024/bad.md")
        }
        return dir
    }

    func objectCount(_ fx: Fixture) throws -> [String: String] {
        let pairs = try fx.git("count-objects", "-v").lines.map { $0.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) } }
        return Dictionary(pairs.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func aFolderWithOneBadFileIsRefusedAndNothingIsWritten() throws {
        let fx = try Fixture()
        let dir = try folder(fx)
        let tip = fx.tip
        let objects = try objectCount(fx)
        let r = try fx.run(["import", dir])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("error: nothing imported: 1 of 4 sources are invalid"))
        #expect(r.stderr.contains("\(dir)/2024/bad.md:3: INC-"))
        #expect(r.stderr.contains(": severity: 'catastrophic' is not one of sev1, sev2, sev3, sev4"), "\(r.stderr)")
        #expect(fx.tip == tip)
        #expect(try objectCount(fx) == objects)
        try fx.git("fsck", "--strict", "--no-dangling")

        // A dry run says the same and writes nothing either.
        let dry = try fx.run(["import", "--dry-run", "--json", dir])
        #expect(dry.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
        #expect(json["dry_run"] as? Bool == true)
        #expect((json["imported"] as? [[String: Any]])?.count == 3)
        let rejected = try #require(json["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1)
        #expect(rejected.first?["source"] as? String == "\(dir)/2024/bad.md")
        #expect(fx.tip == tip)
    }

    @Test func skipInvalidImportsTheRestAndNamesTheSkipped() throws {
        let fx = try Fixture()
        let dir = try folder(fx)
        let before = try fx.git("rev-list", "--count", "postmortems").trimmed
        let r = try fx.run(["import", "--skip-invalid", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let ids = r.stdout.lines
        #expect(ids.count == 3 && ids.allSatisfy { $0.hasPrefix("INC-") })
        #expect(r.stderr.contains("skipped: \(dir)/2024/bad.md:3:"))
        #expect(r.stderr.contains("imported 3 incidents (3 records) in commit"))
        // One commit, with the three incidents and their dates kept.
        #expect(Int(try fx.git("rev-list", "--count", "postmortems").trimmed) == Int(before)! + 1)
        let list = try fx.ok("list", "--json")
        for title in ["Disk filled on the build host", "Cert expired on the build host", "DNS outage on the build host"] {
            #expect(list.contains(title))
        }
        #expect(!list.contains("catastrophic"))
        let shown = try fx.ok("show", ids[0], "--json")
        #expect(shown.contains("\"started\": \"2024-03-04T10:00:00Z\""))
        #expect(shown.contains("\"created\": \"2024-03-04T10:00:00Z\""))
        #expect(try fx.incidentPath(ids[0]).hasPrefix("incidents/2024-03/"))
        try fx.git("fsck", "--strict", "--no-dangling")
        // The records are what `check` accepts, as if written by the CLI.
        let check = try fx.run(["check"] + ids)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func aMappingFileKeepsUnknownKeysAndSections() throws {
        let fx = try Fixture()
        let dir = fx.tmp.sub("wiki")
        try """
            ---
            Title: Payment API leaked card prefixes
            Sev: P1
            Date: 2023-07-14T08:30:00Z
            Status: Done
            jira: SEC-1234
            reviewers:
              - dana
              - eve
            ---

            Written up by the payments team.

            ## What happened

            Logs carried the first six digits of card numbers.

            ## Root cause

            A debug formatter was left on.

            ## Timeline

            - 08:30 alert
            - 09:10 rollback

            ## Lessons learned

            Review log formats.
            """.write(to: dir + "/payments.md")
        try """
            fields:
              Title: title
              Sev: severity
              Date: started
              Status: status
            sections:
              What happened: summary
              Root cause: technical_summary
              Lessons learned: takeaways
            values:
              severity: {P1: sev1, P2: sev2}
              status: {done: closed}
            """.write(to: fx.tmp.path + "/mapping.yml")
        let r = try fx.run(["import", "--mapping", fx.tmp.path + "/mapping.yml", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let id = r.trimmed
        let text = try fx.git("show", "postmortems:" + (try fx.incidentPath(id)))
        #expect(text.contains("title: Payment API leaked card prefixes\nseverity: sev1\nstatus: closed\n"))
        #expect(text.contains("started: 2023-07-14T08:30:00Z\n"))
        // Unknown keys stay as they were written, after the known ones.
        #expect(text.contains("jira: SEC-1234\nreviewers:\n  - dana\n  - eve\n---\n"), "\(text)")
        // Mapped headings take Inquest's names; unknown ones stay, text and all.
        #expect(text.contains("Written up by the payments team.\n\n## Summary\n\nLogs carried the first six digits"))
        #expect(text.contains("## Technical summary\n\nA debug formatter was left on."))
        #expect(text.contains("## Timeline\n\n- 08:30 alert\n- 09:10 rollback"))
        #expect(text.contains("## Key takeaways\n\nReview log formats."))
        let json = try #require(try fx.json(["show", id, "--json"]) as? [String: Any])
        let sections = try #require(json["sections"] as? [String: String])
        #expect(sections["summary"] == "Logs carried the first six digits of card numbers.")
        #expect(sections["timeline"] == "- 08:30 alert\n- 09:10 rollback")

        // A mapping that names a field Inquest does not have is refused, with file and line.
        try "fields:\n  Sev: seriousness\n".write(to: fx.tmp.path + "/bad.yml")
        let bad = try fx.run(["import", "--mapping", fx.tmp.path + "/bad.yml", dir])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yml:2: fields.Sev: 'seriousness' is not an incident field"), "\(bad.stderr)")
    }

    @Test func idsOnTheBranchOrTwiceInTheInputAreRefusedNamingBoth() throws {
        let fx = try Fixture()
        let existing = try fx.ok("new", "Already here").trimmed
        let json = fx.tmp.path + "/in.jsonl"
        try """
            {"id": "\(existing)", "title": "Clash with the branch", "severity": "sev2"}
            {"id": "INC-AAAAAAAAAA", "title": "First", "severity": "sev2"}
            {"id": "INC-AAAAAAAAAA", "title": "Second", "severity": "sev2"}
            {"title": "Fine", "severity": "sev4", "timeline": [{"id": "EV-BBBBBBBBBB", "at": "2024-01-01T00:00:00Z", "text": "x"}, {"id": "EV-BBBBBBBBBB", "at": "2024-01-02T00:00:00Z", "text": "y"}]}

            """.write(to: json)
        let tip = fx.tip
        let r = try fx.run(["import", json])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(json):1: \(existing): id: already on the 'postmortems' branch (incidents/"), "\(r.stderr)")
        #expect(r.stderr.contains("\(json):3: INC-AAAAAAAAAA: id: also given in \(json):2"))
        #expect(r.stderr.contains("\(json):2: INC-AAAAAAAAAA: id: also given in \(json):3"))
        #expect(r.stderr.contains("\(json):4: EV-BBBBBBBBBB: id: given twice in this source"))
        #expect(fx.tip == tip)
    }

    @Test func everyProblemOfAJSONIncidentIsNamed() throws {
        let fx = try Fixture()
        let json = fx.tmp.path + "/in.json"
        try """
            [{"id": "INC-CCCCCCCCCC", "title": "Bad", "severity": "sev2", "mood": "grim",
              "extra": [{"key": "owner", "yaml": "mallory"}],
              "findings": [{"id": "F-DDDDDDDDDD", "title": "x", "category": "bad-luck"}]},
             {"id": "INC-CCCCCCCCCD", "title": "Links", "severity": "sev3",
              "followups": [{"id": "FU-EEEEEEEEEE", "title": "y", "findings": ["F-ZZZZZZZZZZ"]}]},
             {"title": "Good", "severity": "sev4"}]
            """.write(to: json)
        let r = try fx.run(["import", "--dry-run", json])
        #expect(r.status == 1)
        for needle in ["\(json)[0]: INC-CCCCCCCCCC: mood: is not a field of this format",
                       "\(json)[0]: INC-CCCCCCCCCC: extra: 'owner' is a field of this record, not an extra key",
                       "\(json)[0]: F-DDDDDDDDDD: category: 'bad-luck' is not one of",
                       "\(json)[1]: INC-CCCCCCCCCD FU-EEEEEEEEEE: findings: names F-ZZZZZZZZZZ, which is not a finding of INC-CCCCCCCCCD"] {
            #expect(r.stderr.contains(needle), "\(needle)\n\(r.stderr)")
        }
        #expect(r.stderr.contains("dry run: would import 1 incident (1 records); 2 sources invalid"))
        #expect(r.stdout.lines.count == 1)
    }

    @Test func importIsOneSignedCommit() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        let dir = try folder(w.fx, bad: false)
        let r = try w.run(w.alice, ["import", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let tip = try w.fx.git("rev-parse", "postmortems").trimmed
        #expect(try w.gitVerifies(tip, trusting: [w.alice]))
        #expect(try w.fx.git("log", "-1", "--format=%s", tip).trimmed == "import 3 incidents from old-postmortems")
        try w.fx.git("fsck", "--strict", "--no-dangling")
    }

    /// `show --json` of 1,000 incidents, imported into a fresh branch, gives the same files
    /// byte for byte: the blob ids of every record file match.
    @Test func showJSONOfAThousandIncidentsRoundTrips() throws {
        let fx = try Fixture()
        let generated = try RoundTripData.write(1000, into: fx)
        #expect(generated == 9000)

        // The JSON `show --json` prints, for every incident; the CLI itself for a few of
        // them, to be sure the library call below is what the command prints.
        let store = try Store.open(path: fx.repo, branch: nil, environment: [:])
        let snap = try store.snapshot()
        var all = ""
        for loc in try snap.incidents() { all += RecordJSON.incident(try snap.bundle(loc)).rendered() }
        for loc in try snap.incidents().prefix(3) {
            let ctx = Context(environment: ["INQUEST_NOW": "2026-11-28T12:00:00Z"], cwd: fx.repo, out: OutputSink(), err: OutputSink())
            #expect(Inquest.run(["show", "--json", loc.id.description], context: ctx) == 0)
            #expect(all.contains(ctx.out.text))
        }
        let file = fx.tmp.path + "/export.json"
        try all.write(to: file)

        let fresh = try Fixture()
        let r = try fresh.run(["import", file])
        #expect(r.status == 0, "\(r.stderr.prefix(2000))")
        #expect(r.stdout.lines.count == 1000)
        func blobs(_ f: Fixture) throws -> [String] {
            try f.git("ls-tree", "-r", "postmortems", "incidents").lines.sorted()
        }
        let original = try blobs(fx), imported = try blobs(fresh)
        #expect(original.count == generated)
        #expect(original == imported, "first difference: \(zip(original, imported).first { $0 != $1 }.map { "\($0) / \($1)" } ?? "counts")")
        // Packed, not a loose file per object.
        let loose = try fresh.git("count-objects", "-v").lines.first { $0.hasPrefix("count: ") }!
        #expect(Int(loose.dropFirst(7))! < 50, "\(loose)")
        try fresh.git("fsck", "--strict", "--no-dangling")
    }
}

/// Incidents written straight to the branch (with `git fast-import`) in canonical form, with
/// everything a record may hold: unknown keys and sections, a preamble, approvals,
/// conflicts, reviews, evidence, links from either side, not-doing reasons.
enum RoundTripData {
    /// Writes `n` incidents; returns how many record files they are.
    static func write(_ n: Int, into fx: Fixture) throws -> Int {
        var rng = SystemRandomNumberGenerator()
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next(upperBound: UInt32(items.count)))] }
        var files: [(String, Data)] = []
        let base: Int64 = 1_735_689_600
        for i in 0..<n {
            // 2025-01-01 plus up to 600 days: every time stays in the past (the import refuses future times).
            let started = Timestamp(seconds: base + Int64(rng.next(upperBound: UInt32(600 * 86400))))
            let created = Timestamp(seconds: started.seconds + 3600)
            var incident = Incident(id: RecordID.generate(.incident), title: "Incident \(i): \(pick(["leak", "outage", "phish"]))",
                                    severity: pick(Severity.allCases), created: created)
            incident.status = pick(IncidentStatus.allCases)
            incident.customerImpact = i % 3 == 0
            incident.dataBreach = i % 7 == 0
            incident.owner = i % 5 == 0 ? nil : pick(["alice", "bob", "carol"])
            incident.started = started
            incident.detected = Timestamp(seconds: started.seconds + 600)
            incident.contained = i % 2 == 0 ? Timestamp(seconds: started.seconds + 7200) : nil
            incident.tags = i % 4 == 0 ? [] : ["t\(i % 10)", "team: sre"]
            for s in Sections.known { incident.sections.set(s.key, i % 6 == 0 ? "" : "Text of \(s.key) for \(i).\n\n- a list\n- \"quoted\"") }
            if i % 3 == 0 {
                incident.sections.preamble = "Imported from the wiki."
                incident.sections.set("customer_comms", "We emailed everyone.", heading: "Customer comms")
            }
            if i % 4 == 1 {
                incident.extra = [YAMLPair("ticket", .scalar("1234", plain: true)), YAMLPair("team", .string("5")),
                                  YAMLPair("links", .list([.string("https://x.example/a"), .string("b, c")])),
                                  YAMLPair("empty", .null)]
            }
            if i % 10 == 2 {
                incident.approvals = [Approval(by: "Bob", email: "bob@example.com", key: "SHA256:abc", at: created)]
            }
            let dir = Layout.incidentDir(incident.id, created: created)
            var events: [TimelineEvent] = []
            for k in 0..<4 {
                var e = TimelineEvent(id: RecordID.generate(.event), incident: incident.id,
                                      at: Timestamp(seconds: started.seconds + Int64(k * 900)), kind: pick(EventKind.allCases),
                                      text: "Event \(k) of \(i)")
                if k == 1 { e.evidence = ["https://logs.example/\(i)"] }
                if k == 2 && i % 9 == 0 { e.conflicts = [FieldConflict(field: "kind", base: "action", ours: "decision", theirs: "recovery")] }
                events.append(e)
            }
            var findings: [Finding] = []
            for k in 0..<2 {
                var f = Finding(id: RecordID.generate(.finding), incident: incident.id, category: pick(FindingCategory.allCases),
                                title: "Finding \(k) of \(i)")
                f.evidence = ["https://logs.example/\(i)/\(k)"]
                f.narrative = k == 0 ? "Why it happened.\n\n```\ncode\n```" : ""
                if k == 1 && i % 2 == 0 { f.notDoing = "Accepted risk" }
                if i % 8 == 3 { f.extra = [YAMLPair("severity_note", .string("minor"))] }
                findings.append(f)
            }
            var followUps: [FollowUp] = []
            for k in 0..<2 {
                var fu = FollowUp(id: RecordID.generate(.followUp), incident: incident.id, kind: pick(FollowUpKind.allCases),
                                  title: "Follow-up \(k) of \(i)")
                fu.owner = "carol"
                fu.priority = pick(Priority.allCases)
                fu.due = Timestamp(seconds: created.seconds + 30 * 86400).day
                fu.created = i % 5 == 0 ? nil : created
                if k == 0 { fu.findings = [findings[0].id.description] }
                if k == 1 && i % 3 == 1 {
                    fu.status = .notDoing
                    fu.notDoing = "Replaced by a platform change"
                    fu.resolvedAt = Timestamp(seconds: created.seconds + 86400)
                }
                if i % 4 == 0 {
                    fu.reviews = [FollowUp.Review(date: created, reviewer: "Dana <dana@example.com>", note: k == 0 ? "on track" : nil)]
                }
                fu.tracker = k == 0 ? "https://tracker.example/\(i)" : nil
                followUps.append(fu)
            }
            // A link written on the finding's side only.
            if i % 2 == 1 { findings[1].followups = [followUps[1].id.description] }
            files.append((Layout.incidentPath(dir: dir), incident.serialized()))
            for e in events { files.append((Layout.eventPath(dir: dir, e), e.serialized())) }
            for f in findings { files.append((Layout.findingPath(dir: dir, f.id), f.serialized())) }
            for f in followUps { files.append((Layout.followUpPath(dir: dir, f.id), f.serialized())) }
        }
        var stream = Data("commit refs/heads/postmortems\ncommitter T <t@example.com> 1764331200 +0000\ndata 9\ngenerated\nfrom refs/heads/postmortems^0\n".utf8)
        for (path, data) in files {
            stream += Data("M 100644 inline \(path)\ndata \(data.count)\n".utf8) + data + Data("\n".utf8)
        }
        let input = fx.tmp.path + "/fast-import"
        try stream.write(to: URL(fileURLWithPath: input))
        let r = try fx.sandbox.run("sh", ["-c", "git fast-import --quiet < \(input)"], cwd: fx.repo)
        guard r.status == 0 else { throw Failure("git fast-import: \(r.stderr)") }
        return files.count
    }
}
