import ArgumentParser
import Foundation
import InquestCore

struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Manage the trust roots on the branch: the keys whose signatures count.",
        discussion: """
            SSH keys live in .inquest/trust/allowed_signers (ssh-keygen's allowed-signers format), \
            OpenPGP keys in .inquest/trust/openpgp/<FINGERPRINT>.asc. Every change is a signed commit, \
            and it counts only when signed by a key that was trusted before it.
            """,
        subcommands: [TrustAdd.self, TrustList.self, TrustRemove.self, TrustInit.self])
}

struct TrustAdd: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Trust a public key: an SSH .pub file or key text, or an OpenPGP public key file.",
        discussion: "The commit is signed with your signing key, which must already be a trust root (or, for the very first one, be this key and you the branch's creator).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A key file (SSH .pub, OpenPGP armored or binary), or SSH key text ('ssh-ed25519 AAAA…').")
    var key: String
    @Option(help: "Whose key it is, as 'Name <email>' (needed for SSH keys; default for OpenPGP: the key's user id).")
    var owner: String?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.signedPostmortems(global, signing: signing, command: "trust add")
        let added = try pm.addTrustRoot(try KeyArgument.read(key, in: ctx.directory(global)), owner: owner)
        ctx.err.line("Trusted \(added.format.rawValue) key \(added.fingerprint) of \(added.owner).")
    }
}

struct TrustInit: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Establish the first trust root explicitly (by default, your own signing key).",
        discussion: "Only while no trust root has ever been in force. The key must be your signing key, so the commit vouches for itself; it carries the trailer Inquest-Trust: init.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Your signing key's public key, as for `trust add` (default: read from your signing configuration).")
    var key: String?
    @Option(help: "Whose key it is, as 'Name <email>' (default: your git identity, or the OpenPGP user id).")
    var owner: String?
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.signedPostmortems(global, signing: signing, command: "trust init")
        let added: TrustedKey
        if let key {
            added = try pm.addTrustRoot(try KeyArgument.read(key, in: ctx.directory(global)), owner: owner, explicitInit: true)
        } else {
            if owner != nil { throw InquestError.invalid("--owner goes with a KEY; without one your git identity owns your key") }
            added = try pm.initTrust()
        }
        ctx.err.line("First trust root: \(added.format.rawValue) key \(added.fingerprint) of \(added.owner).")
    }
}

struct TrustRemove: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Stop trusting a key in force (its earlier signatures stay good; later ones become untrusted).",
        discussion: "A key in force whose line was dropped from the file by a change that did not count is first written back, then removed, in two signed commits.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A fingerprint (or 8+ characters of one) or the owner's email.") var key: String
    @OptionGroup var signing: SigningOptions

    func run(in ctx: Context) throws {
        let pm = try ctx.signedPostmortems(global, signing: signing, command: "trust remove")
        let removed = try pm.removeTrustRoot(key)
        ctx.err.line("No longer trusted: \(removed.format.rawValue) key \(removed.fingerprint) of \(removed.owner).")
    }
}

struct TrustList: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the keys in force on the branch, and any written in its trust files that are not, flagging where the two disagree.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Output JSON.") var json = false

    func run(in ctx: Context) throws {
        let pm = try ctx.postmortems(global)
        let (entries, problems) = try pm.trustRoots()
        for p in problems { ctx.err.line("warning: \(p)") }
        if json {
            ctx.out.write(SignatureJSON.trustRoots(entries).rendered())
            return
        }
        if entries.isEmpty {
            ctx.err.line("No trust roots.")
            return
        }
        var table = Table(["FORMAT", "FINGERPRINT", "IN FORCE", "WRITTEN", "OWNER"])
        for e in entries {
            table.add([e.key.format.rawValue, e.key.fingerprint, e.inForce ? "yes" : "no", e.written ? "yes" : "no",
                       e.key.owner.description])
        }
        ctx.out.write(table.render())
        let notes = entries.compactMap { e in e.note.map { "\(e.key.fingerprint) (\(e.key.owner.email)): \($0)" } }
        if !notes.isEmpty { ctx.out.write("\n" + notes.map { $0 + "\n" }.joined()) }
    }
}

/// A key given on the command line: a file (relative to the -C folder), or SSH key text.
enum KeyArgument {
    static func read(_ argument: String, in directory: String) throws -> KeyInput {
        let path = argument.hasPrefix("/") ? argument : (directory as NSString).appendingPathComponent(argument)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InquestError.invalid("cannot read \(argument)")
            }
            return .file(name: argument, data: data)
        }
        if argument.contains(" ") || argument.hasPrefix("key::") { return .text(argument) }
        throw InquestError.invalid("no such key file: \(argument)")
    }
}
