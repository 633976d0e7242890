import Foundation
import Testing
import TestSupport
@testable import InquestCore

/// A lock is live while a process holds it open, whatever its age: found through /proc.
@Suite struct RefLockTests {
    @Test func aLockHeldOpenIsSeenAndOneClosedIsNot() throws {
        let tmp = TempDir()
        let lock = RefLock(commonDirectory: tmp.path, reference: "refs/heads/postmortems")
        let path = lock.path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Opened close-on-exec: other tests start processes (git, a git daemon) in parallel,
        // and a child forked while this test had the file open would otherwise inherit the
        // descriptor and keep the lock "held" for as long as it runs.
        func openLock() throws -> Int32 {
            let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            if fd < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            return fd
        }
        close(try openLock())
        // Old enough to be stale by age alone.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path)
        if case .stale = lock.state() {} else { Issue.record("a minute-old lock nobody holds is stale") }
        let fd = try openLock()
        #expect(RefLock.isOpenByAnyProcess(path))
        #expect(lock.state() == .live)
        close(fd)
        #expect(!RefLock.isOpenByAnyProcess(path))
        try FileManager.default.removeItem(atPath: path)
        #expect(lock.state() == .none)
    }
}
