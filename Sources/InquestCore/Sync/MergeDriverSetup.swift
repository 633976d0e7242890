import Foundation
import GitKit

extension Postmortems {
    /// Registers `inquest merge-driver` in this repository's git config as the `inquest`
    /// merge driver, the one the branch's `.gitattributes` names for records, so that a
    /// plain `git merge` of the data branch merges records as `inquest sync` does.
    ///
    /// `executable` is the absolute path of the running `inquest` (or just `inquest` to
    /// find it on PATH). With `onlyIfMissing`, an existing registration is left alone.
    /// Returns true when it wrote the config.
    @discardableResult
    public func registerMergeDriver(executable: String, onlyIfMissing: Bool = false) throws -> Bool {
        let repo = store.repository
        if onlyIfMissing, (try? repo.config().string("merge.inquest.driver")) != nil { return false }
        let command = "\(MergeDriverSetup.shellQuoted(executable)) merge-driver %O %A %B %P"
        do {
            try repo.setLocalConfig("merge.inquest.name", "Inquest: merge postmortem records by field")
            try repo.setLocalConfig("merge.inquest.driver", command)
        } catch let e as GitError {
            throw InquestError(.repository, "could not register the merge driver in git config: \(e.message)")
        }
        return true
    }
}

enum MergeDriverSetup {
    /// Git runs the driver through the shell after expanding `%` placeholders: quote a
    /// path that needs it, and double any `%` in it.
    static func shellQuoted(_ s: String) -> String {
        let safe = !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+,:@".contains($0)) }
        let quoted = safe ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return quoted.replacingOccurrences(of: "%", with: "%%")
    }
}
