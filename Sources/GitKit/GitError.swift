import CGit2
import CGit2LocalOnly
import Foundation

/// An error reported by libgit2, with its message read at the moment it happened.
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The libgit2 return code (`GIT_ENOTFOUND`, `GIT_EMODIFIED`, ...).
    public let code: Int32
    /// The libgit2 error class (`GIT_ERROR_ODB`, ...), or 0 when none was set.
    public let errorClass: Int32
    public let message: String
    /// The libgit2 function that failed, so a report can name it.
    public let function: String

    public init(code: Int32, errorClass: Int32 = 0, message: String, function: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.function = function
    }

    public var description: String { "\(message) (\(function))" }

    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    /// The reference moved since we read it (compare-and-swap lost).
    public var isModified: Bool { code == GIT_EMODIFIED.rawValue }
    /// Another process holds the lock file of the reference.
    public var isLocked: Bool { code == GIT_ELOCKED.rawValue }
    public var isExists: Bool { code == GIT_EEXISTS.rawValue }
}

/// Ensures libgit2 is initialised exactly once per process before any call.
enum Library {
    static let initialized: Bool = {
        git_libgit2_init()
        // Inquest reads and writes the local repository only (see CGit2LocalOnly.h).
        _ = inquest_git_local_only()
        _ = inquest_git_set_tree_cache_limit(1 << 20)
        return true
    }()
    static func ensure() { _ = initialized }
}

/// Turns a libgit2 return code into a thrown `GitError`.
///
/// The last error is per thread and may be NULL in 1.5, so it is read and cleared at once.
@inline(__always)
func check(_ rc: Int32, _ function: String) throws {
    guard rc < 0 else { return }
    throw lastError(rc, function)
}

func lastError(_ rc: Int32, _ function: String) -> GitError {
    var message = "libgit2 error \(rc)"
    var klass: Int32 = 0
    if let err = git_error_last() {
        klass = err.pointee.klass
        if let cmsg = err.pointee.message {
            message = String(cString: cmsg).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
    git_error_clear()
    return GitError(code: rc, errorClass: klass, message: message, function: function)
}

