import Foundation
import InquestCore

/// Long narrative is written like text, not like an argument: for section and narrative
/// fields, `FIELD=@FILE` reads the value from a file and `FIELD=@-` from standard input
/// (once per command); `FIELD=@@…` is a value that really starts with `@`. Other fields
/// take `@` literally (`owner=@ada`).
enum LongText {
    static func resolve(_ assignments: [Assignment], ctx: Context, directory: String) throws -> [Assignment] {
        var usedStdin = false
        return try assignments.map { a in
            guard Assignment.takesLongText(a.field), a.value.hasPrefix("@") else { return a }
            let source = String(a.value.dropFirst())
            if source.hasPrefix("@") { return a.with(value: source) }
            let data: Data
            if source == "-" {
                if usedStdin {
                    throw InquestError.invalid("\(a.field): standard input (@-) can be read only once per command")
                }
                usedStdin = true
                data = ctx.readStandardInput()
            } else {
                guard !source.isEmpty else {
                    throw InquestError.invalid("\(a.field): '@' needs a file name (or - for standard input)",
                                               hint: "write @@ for a value that starts with @")
                }
                let path = source.hasPrefix("/") ? source : (directory as NSString).appendingPathComponent(source)
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: path))
                } catch {
                    throw InquestError.invalid("\(a.field): cannot read \(source): \((error as NSError).localizedDescription)",
                                               hint: "write @@ for a value that starts with @")
                }
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InquestError.invalid("\(a.field): \(source == "-" ? "standard input" : source) is not UTF-8 text")
            }
            // A file ends with a newline by convention; the value does not.
            var value = text
            while value.hasSuffix("\n") { value.removeLast() }
            return a.with(value: value)
        }
    }
}
