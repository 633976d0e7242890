import GitKit

/// `inquest search`: full-text search over every record of the branch.
extension Postmortems {
    /// Records matching every word of `text`, best first (bm25), whose incidents pass
    /// `filter` (and whose kind is `filter.kind`, when given).
    ///
    /// Served from the on-disk index; without one (`--no-index`, or an index that cannot be
    /// opened) an index of this one commit is built in memory, so the answer is the same.
    public func search(_ text: String, filter: RecordFilter, limit: Int? = nil) throws -> [SearchHit] {
        guard let match = SearchQuery.fts(text) else {
            throw InquestError.invalid("search: '\(text)' has no words to search for")
        }
        let snap = try snapshot()
        guard let commit = snap.commit else { return [] }
        var answer = snap.index.flatMap { index in searchIn(index, match, filter, commit) }
        if answer == nil {
            let memory = RecordIndex(repository: store.repository, path: nil)
            answer = searchIn(memory, match, filter, commit)
        }
        guard let hits = answer else {
            throw InquestError(.repository, "search: could not build a search index of the '\(branch)' branch")
        }
        return limit.map { Array(hits.prefix(max(0, $0))) } ?? hits
    }

    private func searchIn(_ index: RecordIndex, _ match: String, _ filter: RecordFilter, _ commit: GitKit.OID) -> [SearchHit]? {
        guard let found = index.search(match, at: commit) else { return nil }
        var facts: [String: (kinds: Set<RecordKind>, categories: Set<String>)] = [:]
        if filter.category != nil {
            guard let f = index.childFacts(at: commit, tolerateBroken: true) else { return nil }
            facts = f
        }
        return found.filter { hit, kind, incident in
            if let k = filter.kind, k != kind { return false }
            let dir = hit.path.split(separator: "/").prefix(3).joined(separator: "/")
            return filter.matches(incident, categories: facts[dir]?.categories ?? [], kindOfRecord: true)
        }.map(\.hit)
    }
}
