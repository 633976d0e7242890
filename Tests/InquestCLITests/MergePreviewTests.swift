import Foundation
import Testing
import TestSupport

/// `merge --dry-run` judges the merged records as the real merge would leave them: the
/// sign-off gate reads approvals from history, so an approved incident stays approved in
/// the preview.
@Suite struct MergePreviewTests {
    @Test func aPreviewKeepsApprovedIncidentsApproved() throws {
        let w = try SSHWorld()
        try w.ok(w.alice, "init")
        try w.ok(w.alice, "trust", "add", w.bob.pub, "--owner", "\(w.bob.name) <\(w.bob.email)>")
        let id = try w.fx.writeFullPostmortem { args in try w.ok(w.alice, args) }
        try w.ok(w.bob, "approve", id)
        try w.ok(w.alice, "status", id, "approved")
        try w.fx.git("branch", "--no-track", "review/m", "postmortems")
        try w.ok(w.alice, "--branch", "review/m", "set", id, "tags=replay")
        try w.ok(w.alice, "set", id, "owner=carol")
        let tip = w.fx.tip
        let json = try JSONSerialization.jsonObject(with: Data(try w.ok(w.alice, "merge", "--dry-run", "--format", "json", "review/m").utf8)) as! [String: Any]
        #expect(json["after"] is NSNull)
        let incident = (json["incidents"] as! [[String: Any]])[0]
        let after = incident["after"] as! [String: Any]
        #expect(after["status"] as? String == "approved")
        #expect(after["meets_own_status"] as? Bool == true, "\(after)")
        #expect((incident["verdicts"] as! [String]).allSatisfy { !$0.contains("fails") })
        #expect(w.fx.tip == tip)
        // The real merge, signed by Alice, agrees.
        try w.ok(w.alice, "merge", "review/m")
        #expect(try w.gitVerifies(w.fx.tip, trusting: [w.alice]))
        #expect(try w.run(w.alice, ["check", id]).status == 0)
    }
}
