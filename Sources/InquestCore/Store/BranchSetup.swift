/// The files `inquest init` writes on a new data branch.
enum BranchSetup {
    static func files() -> [(String, String)] {
        [
            (Layout.versionPath, "\(Layout.formatVersion)\n"),
            (Layout.policyPath, Policy.defaultText),
            (".gitattributes", gitattributes),
            ("README.md", readme),
        ] + ExampleTemplates.files.map { (Layout.templatePath($0.name), $0.text) }
    }

    static let gitattributes = """
        # Records are merged record by record and field by field by Inquest's merge driver
        # (`inquest merge-driver`), registered in git config by `inquest init`.
        incidents/**/*.md merge=inquest
        *.md text eol=lf
        *.yml text eol=lf

        """

    static let readme = """
        # Postmortems

        This branch is the database of [Inquest](https://example.invalid/inquest), a git-native
        tracker for security incident postmortems. Nobody needs to check it out: the `inquest`
        command (or `git inquest`) reads and writes it directly.

        - `incidents/<YYYY-MM>/<INC-ID>/incident.md`: an incident, its times and its postmortem
          narrative (summary, impact, technical summary, actors, response, key takeaways).
        - `…/timeline/<time>-<EV-ID>.md`: one timeline event per file.
        - `…/findings/<F-ID>.md`: one finding per file, with its category and evidence.
        - `…/followups/<FU-ID>.md`: one follow-up per file, with owner, due date and review log.
        - `.inquest/policy.yml`: what a postmortem must contain before it moves on.
        - `.inquest/templates/NAME.md`: incident templates for `inquest new --template NAME`.
        - `.inquest/trust/`: the keys whose signatures count (`allowed_signers` for SSH keys,
          `openpgp/<FINGERPRINT>.asc` for OpenPGP keys); `inquest verify` checks every commit
          against them.

        Every file is Markdown with YAML front matter, so it reads well here and in a pull
        request. To review findings, open a pull request against this branch.

        """
}
