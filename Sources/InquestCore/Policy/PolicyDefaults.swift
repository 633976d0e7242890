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

        # What each status needs, for incidents that need a full postmortem. Settings:
        # fields/times (front-matter keys that must be set), sections, min_timeline_events,
        # min_findings, min_followups, finding_needs, followup_needs, signoff_by_other,
        # no_conflicts, followups_resolved.
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
          closed:
            followups_resolved: true

        # Gates for every incident, whatever its severity; the same settings as above.
        # Gates add up: an incident in `approved` must still meet what `review` asked.
        # No incident is approved or closed while a merge conflict in it stands.
        # To require an owner and tags from the start, add under `gates:` here:
        #     open:
        #       fields: [owner, tags]
        every_incident:
          gates:
            approved:
              no_conflicts: true

        # Refuse commits on this branch that are not signed by a trusted key.
        require_signed: false

        # What a follow-up needs before it may be `done`, by kind: none, note (a review
        # note saying what was done), merged (a code commit with `Fixes-Follow-up: FU-…`
        # reachable from main, not reverted) or shipped (that, in a release tag).
        # Kinds not listed need nothing. See docs/followup-proof.md.
        done_requires:
          bug: merged
          change-request: merged

        """
}
