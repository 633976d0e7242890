import Foundation

extension Repository {
    /// Runs `git gc --auto` when the loose objects look numerous, as git itself would after
    /// a commit, so bulk writes never leave hundreds of thousands of loose objects behind.
    ///
    /// Like git, it estimates the count from one fan-out directory (objects/17) and only
    /// then spawns git, so the common case costs one directory listing.
    public func packIfNeeded(threshold: Int = 6700) {
        let sample = commonDirectory + "/objects/17"
        let count = (try? FileManager.default.contentsOfDirectory(atPath: sample).count) ?? 0
        guard count * 256 > threshold else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "--git-dir=" + commonDirectory, "gc", "--auto", "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try? p.run()
        p.waitUntilExit()
    }
}
