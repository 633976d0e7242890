import CGit2

extension Repository {
    /// Sets a value in the repository's own configuration (`.git/config`, shared by its
    /// worktrees), as `git config NAME VALUE` does; never in the user's global files.
    public func setLocalConfig(_ name: String, _ value: String) throws {
        var all: OpaquePointer?
        try check(git_repository_config(&all, pointer), "git_repository_config")
        defer { git_config_free(all) }
        var local: OpaquePointer?
        try check(git_config_open_level(&local, all, GIT_CONFIG_LEVEL_LOCAL), "git_config_open_level")
        defer { git_config_free(local) }
        try check(git_config_set_string(local, name, value), "git_config_set_string")
    }
}
