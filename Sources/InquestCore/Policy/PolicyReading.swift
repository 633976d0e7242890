extension PolicyRules {
    /// Reads the text of a `.inquest/policy.yml` strictly (see PolicyParser): what the
    /// validator does with the branch's file, for tools and the fuzz target.
    public static func parse(_ text: String, path: String = Layout.policyPath) throws -> PolicyRules {
        try PolicyParser.parse(text, path: path)
    }
}
