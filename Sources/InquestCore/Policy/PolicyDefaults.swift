/// The policy `inquest init` writes: DESIGN section 5's defaults, commented for the people
/// who will change it.
public enum Policy {
    public static let defaultText = """
        # Inquest policy: what a postmortem must contain before it moves on.
        # Change it by committing to this branch; the CLI, `inquest check` and every hook
        # read it from here, so the rules travel with the data.
        version: 1

        # A full postmortem is required when any of these holds.
        full_postmortem:
          severities: [sev1, sev2]
          customer_impact: true
          data_breach: true

        # What each status transition needs, for incidents that need a full postmortem.
        gates:
          review:
            sections: [summary, impact, technical_summary, actors, response, takeaways]
            times: [started, detected, contained, resolved]
            min_timeline_events: 1
            min_findings: 1
            finding_needs: [category, evidence, followups_or_not_doing]
            followup_needs: [owner, kind, priority, due]
          approved:
            signoff_by_other: true
            no_conflicts: true
          closed:
            followups_resolved: true
            no_conflicts: true

        # Refuse commits on this branch that are not signed by a trusted key.
        require_signed: false

        """
}
