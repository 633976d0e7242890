import Foundation
import GitKit

/// Installs Inquest's hooks beside the user's own, without losing them.
///
/// A hook that was there before is renamed `<name>.pre-inquest` and run first by our script
/// (with the same arguments and input), so the user's checks keep working; uninstall puts
/// it back. Our scripts carry a marker line, which makes install idempotent.
public struct HookInstaller {
    public static let clientHooks = ["pre-push", "pre-commit", "commit-msg"]
    public static let serverHooks = ["pre-receive"]
    static let marker = "# inquest-hook:"
    static let savedSuffix = ".pre-inquest"

    public let directory: String

    /// The hooks folder git uses for this repository: `core.hooksPath` (relative to the
    /// working tree, or to the repository itself when bare), else `<git dir>/hooks`.
    public init(store: Store) throws { try self.init(repository: store.repository) }

    public init(repository: Repository) throws {
        if let configured = try repository.config().string("core.hooksPath"), !configured.isEmpty {
            var path = configured
            if path.hasPrefix("~/") {
                path = (ProcessInfo.processInfo.environment["HOME"] ?? "") + path.dropFirst(1)
            } else if !path.hasPrefix("/") {
                path = (repository.workingDirectory ?? repository.gitDirectory) + "/" + path
            }
            directory = (path as NSString).standardizingPath
        } else {
            directory = repository.commonDirectory + "/hooks"
        }
    }

    public enum Outcome: Equatable, Sendable { case installed, unchanged, keptExisting }

    /// Installs (or refreshes) one hook; `binary` is the absolute path of this inquest.
    public func install(_ name: String, binary: String) throws -> Outcome {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = "\(directory)/\(name)"
        let script = HookScript.render(name, binary: binary)
        var outcome = Outcome.installed
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            if existing == script { return .unchanged }
            if !existing.contains(Self.marker) {
                let saved = path + Self.savedSuffix
                guard !fm.fileExists(atPath: saved) else {
                    throw InquestError.invalid("\(path) is not Inquest's, and \(saved) already exists; move one of them away first")
                }
                try fm.moveItem(atPath: path, toPath: saved)
                outcome = .keptExisting
            }
        }
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return outcome
    }

    /// Removes our hook and puts back the one it replaced. Returns false if ours was not there.
    public func uninstall(_ name: String) throws -> Bool {
        let fm = FileManager.default
        let path = "\(directory)/\(name)"
        guard let existing = try? String(contentsOfFile: path, encoding: .utf8), existing.contains(Self.marker) else {
            return false
        }
        try fm.removeItem(atPath: path)
        if fm.fileExists(atPath: path + Self.savedSuffix) {
            try fm.moveItem(atPath: path + Self.savedSuffix, toPath: path)
        }
        return true
    }
}

/// The hook scripts: thin POSIX sh that runs the previous hook, then `inquest hook NAME`.
/// `Hooks/` in the source tree holds them as rendered with no fixed binary.
public enum HookScript {
    static func readsInput(_ name: String) -> Bool { name == "pre-push" || name == "pre-receive" }

    /// `binary` is baked in so hooks work when git runs them with a minimal PATH; without
    /// it (the copies in Hooks/) the script looks for inquest on PATH.
    public static func render(_ name: String, binary: String?) -> String {
        let quoted = binary.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" } ?? "''"
        var s = """
            #!/bin/sh
            \(HookInstaller.marker) \(name)
            # Installed by `inquest hooks install`; `inquest hooks uninstall` removes it and puts
            # back the hook that was here before (kept as \(name)\(HookInstaller.savedSuffix)).
            hook_dir=$(dirname "$0")
            inquest=${INQUEST_BIN:-\(quoted)}
            if [ -z "$inquest" ] || [ ! -x "$inquest" ]; then
              inquest=$(command -v inquest 2>/dev/null || command -v git-inquest 2>/dev/null || true)
            fi
            if [ -z "$inquest" ]; then
              echo "inquest: cannot find the inquest program for the \(name) hook; set INQUEST_BIN" >&2
              exit 1
            fi

            """
        if readsInput(name) {
            s += """
                # git gives the refs on stdin; keep them for both hooks.
                input=$(mktemp "${TMPDIR:-/tmp}/inquest-hook.XXXXXX") || exit 1
                trap 'rm -f "$input"' EXIT
                cat > "$input"
                if [ -x "$hook_dir/\(name)\(HookInstaller.savedSuffix)" ]; then
                  "$hook_dir/\(name)\(HookInstaller.savedSuffix)" "$@" < "$input" || exit $?
                fi
                "$inquest" hook \(name) "$@" < "$input"

                """
        } else {
            s += """
                if [ -x "$hook_dir/\(name)\(HookInstaller.savedSuffix)" ]; then
                  "$hook_dir/\(name)\(HookInstaller.savedSuffix)" "$@" || exit $?
                fi
                exec "$inquest" hook \(name) "$@"

                """
        }
        return s
    }
}
