/// What of each record full-text search sees: its title, and the prose and short fields a
/// person would search for (sections, timeline text, evidence, review notes, reasons).
/// Front-matter keys and vocabulary words are left out, so `open` finds records that say
/// "open", not every record whose status is open.
enum SearchText {
    static func of(_ r: Incident) -> (title: String, body: String) {
        var parts = r.sections.items.map(\.text)
        parts += r.tags
        if let owner = r.owner { parts.append(owner) }
        return (r.title, joined(parts))
    }

    static func of(_ r: TimelineEvent) -> (title: String, body: String) {
        ("", joined([r.text] + r.evidence))
    }

    static func of(_ r: Finding) -> (title: String, body: String) {
        (r.title, joined([r.narrative] + r.evidence + [r.notDoing].compactMap { $0 }))
    }

    static func of(_ r: FollowUp) -> (title: String, body: String) {
        var parts = [r.narrative]
        parts += r.reviews.compactMap(\.note)
        parts += [r.notDoing, r.tracker, r.owner].compactMap { $0 }
        return (r.title, joined(parts))
    }

    private static func joined(_ parts: [String]) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
