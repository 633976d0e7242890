import InquestCore

/// Text output of `diff` and `merge --dry-run` for people: verdicts first, then every
/// field change in full (long text as a line diff), then the commits and their signatures.
enum ReviewText {
    static func diff(_ review: ChangeReview) -> String {
        var out = "Range \(Terminal.safe(review.range)): \(review.incidents.count) incident\(review.incidents.count == 1 ? "" : "s") changed"
        out += ", \(review.commits.count) commit\(review.commits.count == 1 ? "" : "s") (\(signatureSummary(review)))\n"
        for i in review.incidents {
            out += "\n\(i.id)  \(Terminal.safe(i.title))\n"
            if let b = i.before { out += "  before: \(readiness(b))\n" }
            if let a = i.after { out += "  after:  \(readiness(a))\n" }
            for v in i.verdicts { out += "  * \(Terminal.safe(v))\n" }
            for c in i.conflictsIntroduced {
                out += "  conflict \(c.record) \(Terminal.safe(c.field)): ours \(FieldText.value(c.ours, full: true)), theirs \(FieldText.value(c.theirs, full: true))\n"
            }
            for r in i.records {
                out += "  \(r.action.rawValue) \(r.kind) \(Terminal.safe(r.record))\n"
                if let p = r.problem { out += "      (unreadable: \(Terminal.safe(p)))\n" }
                for f in r.fields {
                    for line in FieldText.lines(f, action: r.action, full: true, indent: "      ") { out += line + "\n" }
                }
            }
        }
        if !review.files.isEmpty {
            out += "\nOther files of the branch:\n"
            for f in review.files { out += "  \(f.action.rawValue) \(Terminal.safe(f.path))\n" }
        }
        if !review.commits.isEmpty {
            out += "\nCommits:\n"
            for c in review.commits {
                out += "  \(SignatureText.short(c.commit)) [\(SignatureText.state(c.signature))] \(Terminal.safe(c.author.email)): \(Terminal.safe(c.subject))\n"
            }
        }
        return out
    }

    static func signatureSummary(_ review: ChangeReview) -> String {
        SignatureCheck.State.allCases.map { "\(review.count($0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// One line on how far an incident could go (`check --range`, `check --as`, `diff`).
    static func readiness(_ r: Readiness) -> String {
        let head = "\(r.id) (\(r.status.rawValue))"
        guard let highest = r.highest else { return "\(head): its records do not read; see the problems above" }
        if !r.meetsOwnStatus {
            return "\(head): fails the gates of its own status; the highest it passes is \(highest.rawValue)"
        }
        guard let next = r.next else { return "\(head): closed, and passes every gate" }
        if r.canMoveOn {
            return highest == next ? "\(head): can move to \(next.rawValue)"
                : "\(head): can move to \(next.rawValue) (gates pass up to \(highest.rawValue))"
        }
        return "\(head): cannot move to \(next.rawValue) yet (\(r.blockers.count) problem\(r.blockers.count == 1 ? "" : "s"))"
    }
}
