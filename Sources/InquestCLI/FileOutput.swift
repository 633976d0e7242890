import Foundation
import InquestCore

/// Files the CLI writes on request (`report -o`, `site`): failures are the user's to fix
/// (a missing folder, no permission), so they are usage errors with the path in them.
enum FileOutput {
    /// Writes with stdio rather than `Data.write`, which syncs every file to disk: a site
    /// of a thousand pages spent a tenth of its time waiting on that, for files that are
    /// simply made again if lost.
    static func write(_ text: String, to path: String) throws {
        guard let file = fopen(path, "wb") else {
            throw InquestError.invalid("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
        let closed = fclose(file) == 0
        guard written && closed else {
            throw InquestError.invalid("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Makes `path` a folder if it is not one; refuses a file in the way.
    static func makeDirectory(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw InquestError.invalid("\(path) exists and is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw InquestError.invalid("cannot create the folder \(path): \(reason(error))")
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           let text = String(validatingCString: strerror(Int32(underlying.code))), underlying.domain == NSPOSIXErrorDomain {
            return text
        }
        return ns.localizedDescription
    }
}

extension Context {
    /// A path the user gave, relative to where `-C` puts us, as git resolves `-o` after `-C`.
    func resolve(_ path: String, _ global: GlobalOptions) -> String {
        path.hasPrefix("/") ? path : (directory(global) as NSString).appendingPathComponent(path)
    }
}
