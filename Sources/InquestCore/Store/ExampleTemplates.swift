/// The two templates `inquest init` writes to `.inquest/templates/`, as examples a team
/// edits or copies. Guidance is in HTML comments, which the policy does not count as writing.
enum ExampleTemplates {
    static let files: [(name: String, text: String)] = [
        ("credential-leak", credentialLeak),
        ("phishing", phishing),
    ]

    static let credentialLeak = """
        ---
        description: A secret (key, token, password) leaked or was stolen and may have been used
        severity: sev2
        tags:
          - credentials
        timeline_kinds:
          - attacker-activity
          - detection
          - containment
          - eradication
          - recovery
        findings:
          - {category: technical-lapse, title: The credential had more access than it needed}
          - {category: process-flaw, title: Secret scanning did not cover where it leaked}
        ---

        ## Summary

        <!-- Which credential, where it leaked, whether it was used, and what it could reach. -->

        ## Impact

        <!-- What the credential was used for, which systems and data it touched, and who was affected. -->

        ## Technical summary

        <!-- How it leaked, how long it was exposed, how it was found, and how it was revoked. Link the evidence: logs, audit trails, the commit or paste. -->

        ## Actors

        <!-- Who used it, if anyone: known, suspected, or "unknown". -->

        ## Response

        <!-- Rotation, revocation, the search for use of the credential, and who was told. -->

        ## Key takeaways

        <!-- What would have stopped the leak, or made it harmless. -->

        """

    static let phishing = """
        ---
        description: Someone was tricked into giving access, running something, or paying
        severity: sev3
        tags:
          - phishing
        timeline_kinds:
          - attacker-activity
          - detection
          - communication
          - containment
          - recovery
        findings:
          - {category: manual-error, title: The lure was acted on}
          - {category: communication-glitch, title: The report reached security late}
        ---

        ## Summary

        <!-- The lure, who received it, who acted on it, and what the attacker gained. -->

        ## Impact

        <!-- Accounts, data or money affected; customers involved or not. -->

        ## Technical summary

        <!-- The message headers, sending infrastructure, landing page, and what ran or was entered. Link the evidence. -->

        ## Actors

        <!-- The campaign or group if known, else "unknown". -->

        ## Response

        <!-- Password and session resets, blocked senders and domains, hunting for other recipients. -->

        ## Key takeaways

        <!-- What would have caught the message or made acting on it harmless. -->

        """
}
