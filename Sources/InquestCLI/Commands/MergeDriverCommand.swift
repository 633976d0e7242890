import ArgumentParser
import Foundation
import InquestCore

struct MergeDriverCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        abstract: "Git's merge driver for records (git passes %O %A %B %P); registered by `inquest init`.",
        discussion: """
            Merges BASE, OURS and THEIRS record by record and field by field and writes the result \
            over OURS. Exits 0 when merged, conflicts recorded in the record included; 1 when it \
            cannot merge (OURS is then left as it was and git reports the conflict).
            """)

    @Argument(help: "The common ancestor's version (%O).") var base: String
    @Argument(help: "Our version, overwritten with the result (%A).") var ours: String
    @Argument(help: "Their version (%B).") var theirs: String
    @Argument(help: "The path in the repository (%P).") var path: String

    func run(in ctx: Context) throws {
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : (ctx.cwd as NSString).appendingPathComponent(p) }
        let outcome = try MergeDriver.run(base: absolute(base), ours: absolute(ours), theirs: absolute(theirs), path: path)
        for note in outcome.notes { ctx.err.line("inquest merge-driver: \(note)") }
        for c in outcome.conflicts { ctx.err.line("inquest merge-driver: \(path): conflict on \(c.field) recorded in the record") }
        if !outcome.merged { throw ExitCode(1) }
    }
}
