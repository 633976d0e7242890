import CGit2
import Foundation

/// The detached signature stored in a commit's header, and the exact bytes it signs
/// (the commit object without that header), as `git verify-commit` sees them.
public struct CommitSignature: Sendable, Hashable {
    /// The armored signature, as stored (continuation spaces removed).
    public let signature: String
    /// The signed content: the commit object with the signature header left out.
    public let signedData: Data
}

extension Repository {
    /// The signature of a commit, or nil when it carries none.
    ///
    /// `field` is the header holding it; git writes `gpgsig` for OpenPGP, X.509 and SSH alike.
    public func commitSignature(_ id: OID, field: String = "gpgsig") throws -> CommitSignature? {
        var signature = git_buf()
        var signed = git_buf()
        defer {
            git_buf_dispose(&signature)
            git_buf_dispose(&signed)
        }
        // libgit2 takes a non-const id here, so hand it a private copy.
        var raw = id.raw
        let rc = git_commit_extract_signature(&signature, &signed, pointer, &raw, field)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_commit_extract_signature")
        let text = signature.ptr.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: signature.size), as: UTF8.self) } ?? ""
        let data = signed.ptr.map { Data(bytes: $0, count: signed.size) } ?? Data()
        return CommitSignature(signature: text, signedData: data)
    }
}
