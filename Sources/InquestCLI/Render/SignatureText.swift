import InquestCore

/// Text output of `verify` and `log`, for people (scripts use --json).
enum SignatureText {
    static func verify(_ report: VerifyReport) -> String {
        var table = Table(["STATE", "COMMIT", "SIGNED BY", "AUTHOR", "SUBJECT"])
        for c in report.commits {
            table.add([c.signature.state.rawValue, short(c.commit), signedBy(c.signature), c.author.email, c.subject])
        }
        var text = table.render()
        let notes = report.commits.filter { $0.signature.state != .good && $0.signature.reason != nil }
        if !notes.isEmpty {
            text += "\n"
            for c in notes { text += "\(short(c.commit)) \(c.signature.state.rawValue): \(c.signature.reason!)\n" }
        }
        if let newest = report.preTrust.first, let oldest = report.preTrust.last {
            let n = report.preTrust.count
            text += "\n\(n) commit\(n == 1 ? "" : "s") before the first trust root (pre-trust, \(short(oldest.commit))..\(short(newest.commit))): "
                + "made before signing was switched on, so not judged.\n"
        }
        for change in report.ignoredTrustChanges {
            text += "\ntrust change in \(short(change.commit.hex)) did not count (\(change.reason))"
            let what = change.added.map { "adds \($0.fingerprint) (\($0.owner))" } + change.removed.map { "removes \($0.fingerprint) (\($0.owner))" }
            text += what.isEmpty ? "\n" : ": it " + what.joined(separator: ", ") + "\n"
        }
        return text
    }

    /// `full`: every value whole, and long text as a line diff (`log --full`).
    static func log(_ entries: [AuditEntry], full: Bool = false) -> String {
        var out = ""
        for e in entries {
            let c = e.commit
            out += "\(short(c.commit)) \(c.time) \(Terminal.safe(c.author.description)) [\(state(c.signature))]\n"
            out += "    \(Terminal.safe(c.subject))\n"
            for change in e.changes {
                let what = change.kind == "file" ? "file" : change.kind
                out += "  \(change.action.rawValue) \(what) \(Terminal.safe(change.record))\n"
                if let p = change.problem { out += "      (unreadable: \(Terminal.safe(p)))\n" }
                for f in change.fields {
                    for line in FieldText.lines(f, action: change.action, full: full, indent: "      ") { out += line + "\n" }
                }
            }
            out += "\n"
        }
        return out
    }

    static func state(_ s: SignatureCheck) -> String {
        switch s.state {
        case .good: return "good: \(signedBy(s))" + (s.format.map { " (\($0.rawValue) \(s.fingerprint ?? "?"))" } ?? "")
        case .unsigned: return "unsigned"
        case .bad, .untrusted: return s.state.rawValue + (s.fingerprint.map { ": \($0)" } ?? "")
        }
    }

    static func signedBy(_ s: SignatureCheck) -> String {
        s.signer?.description ?? s.fingerprint ?? "-"
    }

    static func short(_ commit: String) -> String { String(commit.prefix(10)) }
}
