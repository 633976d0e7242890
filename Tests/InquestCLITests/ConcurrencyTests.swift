import Foundation
import Testing
import TestSupport

@Suite struct ConcurrencyTests {
    /// Four processes race to add 50 events each: compare-and-swap with re-application
    /// loses none of the 200.
    @Test func fourWritersLoseNothing() throws {
        let fx = try Fixture()
        let id = try fx.ok("new", "Busy incident")
        let script = """
            i=0
            while [ $i -lt 50 ]; do
              "$INQUEST" timeline add "$ID" --kind action "writer $W event $i" >/dev/null || exit 1
              i=$((i+1))
            done
            """
        let group = DispatchGroup()
        let results = ResultBox()
        for w in 0..<4 {
            group.enter()
            let sandbox = fx.sandbox
            let repo = fx.repo
            Thread.detachNewThread {
                let r = try? sandbox.run("/bin/sh", ["-c", script], cwd: repo,
                                         env: ["INQUEST": Binaries.inquest, "ID": id, "W": "\(w)"])
                results.add(r?.status ?? -1, r?.stderr ?? "spawn failed")
                group.leave()
            }
        }
        group.wait()
        #expect(results.statuses == [0, 0, 0, 0], "\(results.errors)")
        let files = try fx.git("ls-tree", "-r", "--name-only", "postmortems").lines.filter { $0.contains("/timeline/") }
        #expect(files.count == 200)
        let texts = Set(try timelineTexts(fx, id))
        for w in 0..<4 { for i in 0..<50 { #expect(texts.contains("writer \(w) event \(i)")) } }
        #expect(try fx.git("rev-list", "--count", "postmortems").trimmed == "202")
        try fx.git("fsck", "--strict", "--no-dangling")
    }

    private func timelineTexts(_ fx: Fixture, _ id: String) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(fx.ok("show", id, "--json").utf8)) as! [String: Any]
        return (json["timeline"] as! [[String: Any]]).map { $0["text"] as! String }
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var s: [Int32] = []
    private var e: [String] = []
    func add(_ status: Int32, _ err: String) { lock.lock(); s.append(status); e.append(err); lock.unlock() }
    var statuses: [Int32] { lock.lock(); defer { lock.unlock() }; return s }
    var errors: [String] { lock.lock(); defer { lock.unlock() }; return e }
}
