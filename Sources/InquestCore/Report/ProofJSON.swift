/// The JSON of where a follow-up's fix is (`show FU --json`, `followups --links --json`,
/// `followups --audit --json`); documented in docs/followup-proof.md.
extension RecordJSON {
    public static func link(_ l: CodeLink) -> JSONValue {
        .object([
            "source": .string(l.source.rawValue),
            "commit": .text(l.commit),
            "url": .text(l.url),
            "state": .string(l.state.rawValue),
            "release": .text(l.release),
            "reverted_by": .text(l.revertedBy),
            "subject": .text(l.subject),
            "documents_touched": l.documentsTouched.map { .strings($0) } ?? .null,
            "proves_merged": .bool(l.provesMerged),
            "text": .string(l.phrase),
        ])
    }

    public static func proof(_ d: Postmortems.FollowUpDetail) -> JSONValue {
        .object([
            "requires": .string(d.requirement.rawValue),
            "reached": .string(d.proof.reached.rawValue),
            "met": .bool(d.missing == nil),
            "missing": .text(d.missing),
            "summary": .string(d.proof.summary),
            "links": .array(d.proof.links.map(link)),
        ])
    }

    /// A follow-up's fields with `proof` added.
    public static func followUpWithProof(_ d: Postmortems.FollowUpDetail, today: Day?, incidentTitle: String? = nil) -> JSONValue {
        guard case .object(var o) = followUp(d.followUp, today: today) else { return .null }
        o["proof"] = proof(d)
        if let incidentTitle { o["incident_title"] = .string(incidentTitle) }
        return .object(o)
    }
}
