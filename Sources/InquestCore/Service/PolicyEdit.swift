import Foundation

extension Postmortems {
    /// `.inquest/policy.yml` as it is on the branch.
    public func policyText() throws -> String {
        guard let data = try snapshot().data(at: Layout.policyPath) else {
            throw InquestError.invalid("the '\(branch)' branch has no \(Layout.policyPath)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Replaces the policy with an edited text, read by the same strict parser the checks
    /// use, so a typo is refused here rather than failing every check after it lands. One
    /// commit, through the signing write path (a policy change counts only when signed by a
    /// trusted key where signatures are required). Refused if the policy changed meanwhile.
    @discardableResult
    public func replacePolicy(original: String, edited: String) throws -> Bool {
        if edited == original { return false }
        _ = try PolicyParser.parse(edited, path: Layout.policyPath)
        let commit = try store.write(try writer()) { snap, changes in
            guard try snap.data(at: Layout.policyPath) == Data(original.utf8) else {
                throw InquestError.invalid("\(Layout.policyPath) was changed by someone else while you edited it")
            }
            changes.put(Layout.policyPath, Data(edited.utf8))
            return "policy: edit \(Layout.policyPath)"
        }
        return commit != nil
    }
}
