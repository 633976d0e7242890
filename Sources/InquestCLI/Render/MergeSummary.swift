import InquestCore

/// The summary `sync` and `merge` print on stderr: what happened, and each conflict the
/// merge recorded, with how to end it.
enum MergeSummary {
    /// `source`: what was merged (`origin/postmortems`); `pushed`: whether sync pushed it.
    static func print(_ report: SyncReport, source: String, pushed: Bool, to err: OutputSink) {
        for note in report.notes { err.line("warning: \(Terminal.safe(note))") }
        switch report.outcome {
        case .upToDate:
            if !pushed { err.line("Already up to date with \(source).") }
        case .fastForwarded:
            if !pushed { err.line("Fast-forwarded '\(report.branch)' to \(source).") }
        case .published: err.line("Published '\(report.branch)' to \(report.remote).")
        case .pushed: err.line("Pushed '\(report.branch)' to \(report.remote).")
        case .merged:
            let n = report.mergedRecords.count
            err.line("Merged \(source): \(n) record\(n == 1 ? "" : "s") changed here\(pushed ? "; pushed" : "").")
        }
        if !report.conflicts.isEmpty {
            let n = report.conflicts.count
            err.line("\(n) new conflict\(n == 1 ? "" : "s") recorded:")
            for c in report.conflicts { err.line("  \(c.record) \(Terminal.safe(c.conflict.field))") }
            err.line("See them with `inquest conflicts`; end each with `inquest resolve ID FIELD --ours|--theirs|--value V`.")
        }
    }
}
