import Foundation
import Testing
import TestSupport

/// The alias bomb of issue 12 and records over the size limit, against every reader, the
/// server hook and sync (docs/robustness.md). Each command runs under `ulimit -v` of 1 GB:
/// expanding the bomb (9^9 items, gigabytes) would crash it with exit 134, so a clean exit
/// below 128 with a message naming the file proves nothing was expanded.
@Suite struct HostileYAMLTests {
    static let bomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    /// Adds the bomb to an incident's front matter, as a hand commit.
    static func plant(_ fx: Fixture, _ id: String, in repo: String? = nil) throws -> String {
        try fx.editIncident(id, in: repo, message: "lol") { text in
            text.replacingOccurrences(of: "\ntitle:", with: "\n\(bomb)\ntitle:")
        }
    }

    /// `ulimit -v 1000000`, or nothing under a sanitizer (scripts/sanitize), whose shadow
    /// memory needs terabytes of address space; a huge allocation is then its error instead.
    static let addressLimit: String = {
        let env = ProcessInfo.processInfo.environment
        return env["ASAN_OPTIONS"] == nil && env["TSAN_OPTIONS"] == nil ? "ulimit -v 1000000; " : ""
    }()

    /// Runs inquest with at most 1 GB of address space.
    static func limited(_ fx: Fixture, _ args: [String], in cwd: String? = nil) throws -> ProcessResult {
        try fx.sandbox.run("/bin/sh", ["-c", addressLimit + "exec \"$0\" \"$@\"", Binaries.inquest] + args,
                           cwd: cwd ?? fx.repo)
    }

    @Test func readersNameTheFileAndExpandNothing() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Bombed", "--severity", "sev3")
        let other = try fx.ok("new", "Unrelated", "--severity", "sev4")
        let path = try Self.plant(fx, id)
        let blobBefore = try fx.git("rev-parse", "postmortems:\(path)").trimmed

        for args in [["list"], ["list", "--json"], ["show", id], ["show", id, "--json"], ["check"], ["check", id],
                     ["report", id], ["log"], ["log", id], ["stats"], ["followups"], ["show", other]] {
            let r = try Self.limited(fx, args)
            #expect(r.status < 128, "\(args) crashed (\(r.status)): \(r.stderr)")
            if args == ["show", other] {
                #expect(r.status == 0, "an unrelated incident still reads: \(r.stderr)")
                continue
            }
            if r.status != 0 || args.first == "check" {
                #expect(r.status != 0, "\(args) accepted the bomb")
                #expect(r.stderr.contains(path) || r.stdout.contains(path), "\(args) does not name the file: \(r.stderr)")
                #expect((r.stderr + r.stdout).contains("YAML anchors (&name) are not allowed"), "\(args): \(r.stderr)")
            }
        }
        // The problem is in the file, at the line of the first anchor, under its key.
        let check = try Self.limited(fx, ["check", id])
        #expect(check.stderr.contains("\(path):3: a: front matter is refused: YAML anchors (&name) are not allowed")
                || check.stdout.contains("\(path):3: a: front matter is refused: YAML anchors (&name) are not allowed"),
                "\(check.stdout)\(check.stderr)")

        // A write to another field of the bombed incident writes nothing, expanded or not.
        let set = try Self.limited(fx, ["set", id, "owner=mallory"])
        #expect(set.status == 2, "\(set.stderr)")
        #expect(try fx.git("rev-parse", "postmortems:\(path)").trimmed == blobBefore)
        #expect(try fx.git("cat-file", "-s", "postmortems:\(path)").trimmed.count < 5)
        // Writing elsewhere still works, and leaves the bombed file as it was.
        let ok = try Self.limited(fx, ["set", other, "owner=erin"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try fx.git("rev-parse", "postmortems:\(path)").trimmed == blobBefore)
        _ = try fx.git("fsck", "--strict")
    }

    @Test func serverHookRefusesTheBombAndSyncSaysSo() throws {
        let fx = try Fixture(bare: true, initialize: false)
        try fx.ok("hooks", "install", "--server")
        let daemon = try GitDaemon(base: fx.tmp.path, sandbox: fx.sandbox)
        let clone = fx.tmp.path + "/clone"
        try fx.sandbox.git(["clone", "-q", daemon.url("server.git"), clone], in: fx.tmp.path)
        try fx.sandbox.ok(["init"], in: clone)
        try fx.sandbox.git(["push", "-q", "origin", "postmortems"], in: clone)
        let id = try fx.sandbox.ok(["new", "Bombed", "--severity", "sev3"], in: clone)
        try fx.sandbox.git(["push", "-q", "origin", "postmortems"], in: clone)
        let serverBefore = try fx.git("rev-parse", "postmortems").trimmed

        let path = try Self.plant(fx, id, in: clone)
        // The server's hook runs `inquest hook pre-receive`: limit it as well, through the
        // environment git daemon hands to hooks (ulimit is inherited by children).
        let push = try fx.sandbox.run("/bin/sh", ["-c", Self.addressLimit + "exec git push origin postmortems"], cwd: clone)
        #expect(push.status != 0)
        #expect(push.stderr.contains("remote: "), "\(push.stderr)")
        #expect(push.stderr.contains(path), "the refusal names the file: \(push.stderr)")
        #expect(push.stderr.contains("YAML anchors (&name) are not allowed"), "\(push.stderr)")
        #expect(try fx.git("rev-parse", "postmortems").trimmed == serverBefore, "the server took the bomb")

        // sync merges (nothing to merge here), pushes, and reports the refusal: no crash.
        let sync = try Self.limited(fx, ["sync"], in: clone)
        #expect(sync.status != 0 && sync.status < 128, "\(sync.status): \(sync.stderr)")
        #expect(sync.stderr.contains(path), "\(sync.stderr)")
        #expect(try fx.git("rev-parse", "postmortems").trimmed == serverBefore)
    }

    @Test func anOversizedRecordIsRefusedByItsSize() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Huge", "--severity", "sev3")
        // 70 MB of text: small in the pack, over the 64 MiB limit once inflated.
        let path = try fx.editIncident(id, message: "huge") { text in
            text + "\n" + String(repeating: "0123456789abcdef\n", count: 70 * 1024 * 1024 / 17)
        }
        for args in [["show", id], ["check", id], ["list"]] {
            let r = try Self.limited(fx, args)
            #expect(r.status < 128, "\(args) crashed (\(r.status)): \(r.stderr)")
            if r.status != 0 || args.first == "check" {
                #expect(r.status != 0)
                #expect((r.stderr + r.stdout).contains("\(path): is "), "\(args): \(r.stderr)")
                #expect((r.stderr + r.stdout).contains("more than the limit of 67108864 bytes for a record"), "\(args): \(r.stderr)")
            }
        }
    }
}
