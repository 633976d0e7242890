import Foundation

/// The lock file git and libgit2 put beside a reference while they move it
/// (`refs/heads/postmortems.lock`).
///
/// A writer holds it for milliseconds. One killed at the wrong moment (kill -9, power loss)
/// leaves it behind, and every later write would then wait and fail with a misleading
/// "the branch kept moving". So a lock is judged: live while a process has it open or it
/// is younger than `liveFor`; stale otherwise, reported at once with its path and the
/// command that removes it.
public struct RefLock {
    public let path: String
    /// How long a lock no process holds open still counts as live: git closes the file
    /// before renaming it into place, so an open descriptor is not the only sign of life.
    public static let liveFor: TimeInterval = 1.0

    public init(commonDirectory: String, reference: String) {
        path = (commonDirectory as NSString).appendingPathComponent(reference) + ".lock"
    }

    public enum State: Equatable { case none, live, stale(age: TimeInterval) }

    public func state(now: Date = Date()) -> State {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attrs[.modificationDate] as? Date else { return .none }
        if Self.isOpenByAnyProcess(path) { return .live }
        let age = now.timeIntervalSince(modified)
        return age < Self.liveFor ? .live : .stale(age: age)
    }

    /// The error for a stale lock: its path, its age, and how to remove it.
    public func staleError(branch: String, age: TimeInterval) -> InquestError {
        InquestError(.repository,
                     "the '\(branch)' branch is locked by \(path), left \(Int(age.rounded())) s ago by a git or inquest process that is no longer running",
                     hint: "if no git or inquest command is running in this repository, remove it: rm '\(path)'")
    }

    /// Whether a process has the file open (Linux `/proc`; elsewhere, or for other users'
    /// processes we cannot see, only the age decides).
    static func isOpenByAnyProcess(_ path: String) -> Bool {
        // readdir, not FileManager: listing /proc while processes come and go must not
        // fail as a whole because one of them vanished in between.
        for pid in names(in: "/proc") where pid.first?.isNumber == true {
            let fdDir = "/proc/\(pid)/fd"
            for fd in names(in: fdDir) where fd.first?.isNumber == true {
                if linkTarget("\(fdDir)/\(fd)") == path { return true }
            }
        }
        return false
    }

    private static func names(in dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    private static func linkTarget(_ link: String) -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink(link, &buf, buf.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Store {
    var referenceLock: RefLock { RefLock(commonDirectory: repository.commonDirectory, reference: referenceName) }

    /// After a write found the branch locked: throws at once when the lock is stale; waits
    /// a little (it will be gone in a moment) when it is live.
    func waitForLiveLock() throws {
        let lock = referenceLock
        let deadline = Date().addingTimeInterval(RefLock.liveFor + 0.5)
        while Date() < deadline {
            switch lock.state() {
            case .none: return
            case .stale(let age): throw lock.staleError(branch: branch, age: age)
            case .live: usleep(20_000)
            }
        }
    }
}
