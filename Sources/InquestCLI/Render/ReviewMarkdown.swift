import InquestCore

/// `diff --format markdown`: a pull-request comment or CI job summary (GitHub Flavored
/// Markdown: headings per incident, tables, long text folded in `<details>`).
///
/// Every value comes from commits anyone could push, so none may become markup: table
/// cells escape all ASCII punctuation and HTML, long text goes in fenced code blocks whose
/// fence is longer than any run of backticks inside.
enum ReviewMarkdown {
    static func diff(_ review: ChangeReview) -> String {
        var out = "## Inquest: postmortem changes in `\(code(review.range))`\n\n"
        let n = review.incidents.count
        out += "**\(n) incident\(n == 1 ? "" : "s") changed** · \(review.commits.count) commit\(review.commits.count == 1 ? "" : "s"): "
        out += ReviewText.signatureSummary(review) + "\n\n"
        if review.isEmpty { out += "No records changed.\n\n" }
        if !review.incidents.isEmpty {
            out += "| Incident | Status | Could move to | Verdict |\n|---|---|---|---|\n"
            for i in review.incidents {
                let status: String
                switch (i.before?.status, i.after?.status) {
                case (let b?, let a?) where a != b: status = "\(b.rawValue) → \(a.rawValue)"
                case (_, let a?): status = a.rawValue
                case (let b?, nil): status = "\(b.rawValue) → (deleted)"
                default: status = "—"
                }
                let highest = i.after?.highest?.rawValue ?? "—"
                out += "| \(cell(i.id)) \(cell(i.title)) | \(status) | \(highest) | \(cell(i.verdicts.first ?? "")) |\n"
            }
            out += "\n"
        }
        for i in review.incidents { out += incident(i) }
        if !review.files.isEmpty {
            out += "### Other files of the branch\n\n| File | Change |\n|---|---|\n"
            for f in review.files { out += "| \(cell(f.path)) | \(f.action.rawValue) |\n" }
            out += "\n"
        }
        if !review.commits.isEmpty {
            out += "### Commits and signatures\n\n| Commit | Signature | Signed by | Author | Subject |\n|---|---|---|---|---|\n"
            for c in review.commits {
                let signer = c.signature.state == .good ? SignatureText.signedBy(c.signature) : (c.signature.fingerprint ?? "—")
                out += "| \(SignatureText.short(c.commit)) | \(c.signature.state.rawValue) | \(cell(signer)) | \(cell(c.author.email)) | \(cell(c.subject)) |\n"
            }
            out += "\n"
        }
        return out
    }

    private static func incident(_ i: IncidentChange) -> String {
        var out = "### \(cell(i.id)): \(cell(i.title))\n\n"
        for v in i.verdicts {
            let mark = v.hasPrefix("new problem") || v.contains("cannot") || v.contains("no longer") || v.contains("fails")
                || v.hasPrefix("new conflict") ? "⚠️" : "✅"
            out += "- \(mark) \(cell(v))\n"
        }
        if !i.verdicts.isEmpty { out += "\n" }
        var folded: [(title: String, lines: [LineDiff.Line])] = []
        out += "| Record | Change | Field | Before | After |\n|---|---|---|---|---|\n"
        for r in i.records {
            if r.fields.isEmpty {
                out += "| \(cell(r.record)) | \(r.action.rawValue) \(r.kind) | | | \(cell(r.problem ?? "")) |\n"
            }
            for f in r.fields {
                let field = cell(f.field)
                if !f.reviewNotes.isEmpty {
                    for note in f.reviewNotes { out += "| \(cell(r.record)) | review note | \(field) | | \(cell(note)) |\n" }
                } else if r.action == .modified && (!f.added.isEmpty || !f.removed.isEmpty) {
                    out += "| \(cell(r.record)) | \(r.action.rawValue) | \(field) | \(f.removed.map(cell).map { "− \($0)" }.joined(separator: "<br>")) | \(f.added.map(cell).map { "+ \($0)" }.joined(separator: "<br>")) |\n"
                } else if LineDiff.isLong(f.from) || LineDiff.isLong(f.to) {
                    let n = folded.count + 1
                    folded.append(("\(r.record) \(f.field)", LineDiff.diff(f.from, f.to)))
                    out += "| \(cell(r.record)) | \(r.action.rawValue) | \(field) | \(f.from == nil ? "" : "see text \(n) below") | \(f.to == nil ? "" : "see text \(n) below") |\n"
                } else {
                    out += "| \(cell(r.record)) | \(r.action.rawValue) | \(field) | \(cell(f.from ?? "")) | \(cell(f.to ?? "")) |\n"
                }
            }
        }
        out += "\n"
        for (n, item) in folded.enumerated() {
            let added = item.lines.filter { $0.op == .added }.count, removed = item.lines.filter { $0.op == .removed }.count
            out += "<details><summary>Text \(n + 1): \(html(item.title)) (+\(added) −\(removed) lines)</summary>\n\n"
            let body = item.lines.map { "\($0.op.rawValue) \(visible($0.text))" }.joined(separator: "\n")
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(body) + 1))
            out += "\(fence)diff\n\(body)\n\(fence)\n\n</details>\n\n"
        }
        if !i.conflictsIntroduced.isEmpty {
            out += "| Conflict kept as data | Ours | Theirs |\n|---|---|---|\n"
            for c in i.conflictsIntroduced {
                out += "| \(cell(c.record)) \(cell(c.field)) | \(cell(c.ours ?? "(deleted)")) | \(cell(c.theirs ?? "(deleted)")) |\n"
            }
            out += "\n"
        }
        return out
    }

    /// What could open inline markup inside a table cell (emphasis, code, links, images,
    /// strikethrough, the cell separator); each is backslash-escaped, as CommonMark allows.
    static let inlineMarkup: Set<Character> = ["\\", "`", "*", "_", "[", "]", "|", "~", "!"]

    /// A table cell: inline markup escaped, `<`, `>` and `&` as entities (no HTML, no
    /// autolinks in angle brackets), line breaks as `<br>`.
    static func cell(_ s: String) -> String {
        var out = ""
        for ch in visible(s) {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n": out += "<br>"
            case "\r": out += ""
            default:
                if Self.inlineMarkup.contains(ch) { out += "\\" }
                out.append(ch)
            }
        }
        return out
    }

    /// Inside `<summary>`: plain HTML text.
    static func html(_ s: String) -> String {
        visible(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Inside a code span: no backtick may end it early.
    private static func code(_ s: String) -> String { visible(s).replacingOccurrences(of: "`", with: "'") }

    private static func visible(_ s: String) -> String { Terminal.safe(s) }

    private static func longestBacktickRun(_ s: String) -> Int {
        var best = 0, run = 0
        for ch in s {
            if ch == "`" { run += 1; best = max(best, run) } else { run = 0 }
        }
        return best
    }
}
