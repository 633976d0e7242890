import CGit2
import Foundation
@testable import GitKit
import Testing
import TestSupport

/// libgit2 serves the local repository only: fetch and push go through git. Its TLS layer is
/// refused outright (Sources/CGit2LocalOnly), so that a future use of libgit2's HTTPS fails
/// with a clear error rather than reaching a TLS configuration that, in the static build
/// (scripts/lib/static-libs.sh), was never initialised.
@Suite struct LocalOnlyTests {
    let tmp = TempDir()

    @Test func libgit2RefusesHTTPSWithAClearError() throws {
        let path = tmp.sub("repo")
        try Sandbox(home: tmp.sub("home")).makeRepository(path, commit: false)
        let repo = try Repository.open(at: path)
        var remote: OpaquePointer?
        #expect(git_remote_create_anonymous(&remote, repo.pointer, "https://127.0.0.1:9/nothing.git") == 0)
        defer { git_remote_free(remote) }
        let rc = git_remote_connect(remote, GIT_DIRECTION_FETCH, nil, nil, nil)
        #expect(rc < 0)
        let message = git_error_last().map { String(cString: $0.pointee.message) } ?? ""
        #expect(message.contains("does not use libgit2's network"), "libgit2 said: \(message)")
    }
}
