import CGit2

extension Repository {
    /// The names of the configured remotes, sorted.
    public func remoteNames() throws -> [String] {
        var list = git_strarray()
        try check(git_remote_list(&list, pointer), "git_remote_list")
        defer { git_strarray_dispose(&list) }
        var names: [String] = []
        for i in 0..<list.count {
            if let p = list.strings[i] { names.append(String(cString: p)) }
        }
        return names.sorted()
    }
}
