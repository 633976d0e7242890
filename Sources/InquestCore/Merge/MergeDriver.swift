import Foundation

/// `inquest merge-driver BASE OURS THEIRS PATH`: the record merge, as git's merge driver
/// (`%O %A %B %P`), so `git merge` and `git pull` on the data branch give the same records
/// as `inquest sync`. Git gives file names only, so the conflicts it records carry no
/// commit ids.
public enum MergeDriver {
    public struct Outcome: Sendable {
        /// True when the result was written over OURS (conflicts recorded as data included);
        /// false when OURS was left as it was and git should report a conflict.
        public let merged: Bool
        public let conflicts: [FieldConflict]
        public let notes: [String]
    }

    /// Merges the files and writes the result over `ours`. An empty BASE is git's way of
    /// saying there is no common ancestor.
    public static func run(base: String, ours: String, theirs: String, path: String) throws -> Outcome {
        func read(_ file: String) throws -> Data {
            do { return try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw InquestError(.repository, "merge-driver: cannot read \(file): \(error.localizedDescription)")
            }
        }
        let baseData = try read(base)
        let oursData = try read(ours), theirsData = try read(theirs)
        let result = FileMerge.merge(path: path, base: baseData.isEmpty ? nil : baseData,
                                     ours: oursData, theirs: theirsData)
        guard result.merged, let data = result.data else {
            return Outcome(merged: false, conflicts: [], notes: result.notes)
        }
        do {
            try data.write(to: URL(fileURLWithPath: ours))
        } catch {
            throw InquestError(.repository, "merge-driver: cannot write \(ours): \(error.localizedDescription)")
        }
        return Outcome(merged: true, conflicts: result.conflicts, notes: result.notes)
    }
}
