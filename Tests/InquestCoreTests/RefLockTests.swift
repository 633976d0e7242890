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
        try "x\n".write(toFile: path, atomically: false, encoding: .utf8)
        // Old enough to be stale by age alone.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path)
        if case .stale = lock.state() {} else { Issue.record("a minute-old lock nobody holds is stale") }
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        #expect(RefLock.isOpenByAnyProcess(path))
        #expect(lock.state() == .live)
        try handle.close()
        #expect(!RefLock.isOpenByAnyProcess(path))
        try FileManager.default.removeItem(atPath: path)
        #expect(lock.state() == .none)
    }
}
