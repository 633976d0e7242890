import Foundation
import GitKit

/// Fetch and push through the user's own `git` executable, so ssh config, credential
/// helpers, `insteadOf` and protocol v2 behave as the user expects, and a server hook's
/// refusal is reported (libgit2 1.5 skips hooks on local transports and reports a rejected
/// push as a success).
struct GitTransport {
    let repository: Repository
    let environment: [String: String]

    enum Fetched: Equatable {
        case tip(OID)
        /// The remote has no such branch yet.
        case noBranch
    }

    enum Pushed: Equatable {
        case accepted
        /// Someone else pushed first: fetch, merge and try again.
        case notFastForward
        /// The server refused it (a hook, a protected branch); `lines` are its words.
        case refused(reason: String, lines: [String])
    }

    /// Where git runs: the working tree, or the git directory of a bare repository.
    private var cwd: String { repository.workingDirectory ?? repository.gitDirectory }

    static func trackingRef(remote: String, branch: String) -> String { "refs/remotes/\(remote)/\(branch)" }

    func fetch(remote: String, branch: String) throws -> Fetched {
        let tracking = Self.trackingRef(remote: remote, branch: branch)
        let r = try git(["fetch", "--no-tags", "--no-write-fetch-head", remote, "+refs/heads/\(branch):\(tracking)"])
        if r.status != 0 {
            if r.stderrText.contains("couldn't find remote ref") { return .noBranch }
            throw InquestError(.remote, ["could not fetch '\(branch)' from '\(remote)':"] + Self.lines(r.stderrText).map { "  " + $0 },
                               hint: "check the remote with `git remote -v` and `git fetch \(remote)`")
        }
        guard let tip = try repository.referenceTarget(tracking) else {
            throw InquestError(.remote, "fetched '\(branch)' from '\(remote)' but \(tracking) is missing")
        }
        return .tip(tip)
    }

    func push(remote: String, commit: OID, branch: String) throws -> Pushed {
        let r = try git(["push", "--porcelain", remote, "\(commit.hex):refs/heads/\(branch)"])
        // --porcelain: one line per ref, `<flag>\t<from>:<to>\t<summary>`; `!` is a rejection.
        let status = r.stdoutText.split(separator: "\n").first { $0.contains(":refs/heads/\(branch)\t") }
        if r.status == 0, let status, !status.hasPrefix("!") {
            let tracking = Self.trackingRef(remote: remote, branch: branch)
            let old = try repository.referenceTarget(tracking)
            if old != commit {
                try? repository.updateReference(tracking, to: commit, expecting: old, message: "inquest sync: push")
            }
            return .accepted
        }
        if let status, status.hasPrefix("!") {
            let summary = status.split(separator: "\t").last.map(String.init) ?? String(status)
            if summary.hasPrefix("[rejected]") { return .notFastForward }
            let remoteLines = Self.lines(r.stderrText).filter { $0.hasPrefix("remote:") }
            return .refused(reason: summary, lines: remoteLines)
        }
        // The server answered but refused (its hook said why in `remote:` lines): that is not
        // a question of reaching the remote, so do not send the user to `git remote -v`.
        let remoteLines = Self.lines(r.stderrText).filter { $0.hasPrefix("remote:") }
        if !remoteLines.isEmpty || r.stderrText.contains("hook declined") {
            let reason = Self.lines(r.stderrText).first { $0.contains("rejected") || $0.contains("declined") } ?? "refused by the server"
            return .refused(reason: reason, lines: remoteLines)
        }
        throw InquestError(.remote, ["could not push '\(branch)' to '\(remote)':"] + Self.lines(r.stderrText).map { "  " + $0 },
                           hint: "check the remote with `git remote -v` and `git push \(remote)`")
    }

    private func git(_ args: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run("git", args, environment: environment, cwd: cwd)
    }

    /// git's message lines, without blanks.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
