import Foundation
import TestSupport

extension Fixture {
    /// A code commit on the checked-out branch (main) whose message says it completes
    /// `followUp`: the proof `done_requires: merged` asks for. Returns the commit id.
    @discardableResult
    func fixOnMain(_ followUp: String, file: String? = nil, in repo: String? = nil) throws -> String {
        let repo = repo ?? self.repo
        let name = file ?? "fix-\(UUID().uuidString.prefix(8)).txt"
        let path = repo + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try "fix for \(followUp)\n".write(to: path)
        try sandbox.git(["add", name], in: repo)
        try sandbox.git(["-c", "commit.gpgsign=false", "commit", "-q", "-m", "Fix \(followUp)\n\nFixes-Follow-up: \(followUp)"], in: repo)
        return try sandbox.git(["rev-parse", "HEAD"], in: repo).trimmed
    }
}
