import ArgumentParser

struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquest",
        abstract: "A git-native tracker for security incident postmortems.",
        discussion: """
            Incidents, timelines, findings and follow-ups are Markdown files committed to a \
            dedicated branch (default: postmortems) without touching your checkout. \
            Global options -C PATH and --branch NAME may come before the command, as in git.
            Exit codes: 0 success, 1 policy/validation failure, 2 usage or user error, \
            3 repository error, 4 remote error.
            """,
        version: InquestVersion.text,
        subcommands: [
            InitCommand.self, NewCommand.self, ListCommand.self, ShowCommand.self, SetCommand.self,
            EditCommand.self, StatusCommand.self, TimelineCommand.self, FindingCommand.self,
            FollowUpCommand.self, FollowUpsCommand.self, CheckCommand.self, HooksCommand.self, HookCommand.self,
            ReportCommand.self, StatsCommand.self, SiteCommand.self, ApproveCommand.self, TrustCommand.self,
            VerifyCommand.self, LogCommand.self, SyncCommand.self, ConflictsCommand.self,
            ResolveCommand.self, FixUnpushedCommand.self, PolicyCommand.self, MergeDriverCommand.self,
            DiffCommand.self, MergeCommand.self, ImportCommand.self, SearchCommand.self,
        ]
    )
}
