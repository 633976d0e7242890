import Foundation
import GitKit

/// A temporary gpg keyring holding given public keys, which checks many detached
/// signatures in one gpg process, the way git checks one (`gpg --status-fd --verify SIG -`),
/// instead of a process per commit.
///
/// For a run of checks, each signature and its signed data are written side by side as
/// `N.sig` and `N`; gpg `--verify-files` reads the names from stdin and, for each, checks
/// `N.sig` over `N`, reporting between `FILE_START` and `FILE_DONE`. It runs without
/// `--batch` (which turns off gpg's pairing of `N.sig` with `N`), so `--no-tty` keeps it
/// from ever asking anything.
final class OpenPGPKeyring {
    let home: String
    /// Expiry and revocation of the keys imported.
    let listing: OpenPGPKeyListing
    private let gpgProgram: String
    private let environment: [String: String]
    private let scratch: Scratch
    private let name: String
    private var serial = 0
    /// gpg processes started, for tests and the benchmark.
    private(set) var processes = 0

    /// Imports `keys` (OpenPGP ones; others are ignored) into a new GNUPGHOME in `scratch`
    /// and lists them: two gpg runs, none when there are no keys.
    init(keys: [TrustedKey], gpgProgram: String, environment: [String: String], scratch: Scratch, name: String) throws {
        self.gpgProgram = gpgProgram
        self.scratch = scratch
        self.name = name
        home = try scratch.gpgHome(name)
        var env = environment
        env["GNUPGHOME"] = home
        self.environment = env
        let armored = keys.compactMap { k -> String? in
            if case .openpgp(_, let a) = k.material { return a }
            return nil
        }
        var listing = OpenPGPKeyListing(colons: "")
        if !armored.isEmpty {
            let keyFile = try scratch.write(name + "-keys.asc", Data(armored.joined(separator: "\n").utf8))
            // A key gpg cannot import trusts nobody; that is not an error of the run.
            _ = try ProcessRunner.run(gpgProgram, ["--homedir", home, "--batch", "--quiet", "--import", keyFile],
                                      environment: env)
            let listed = try ProcessRunner.run(gpgProgram, ["--homedir", home, "--batch", "--with-colons",
                                                            "--fixed-list-mode", "--list-sigs"], environment: env)
            listing = OpenPGPKeyListing(colons: listed.stdoutText)
            processes += 2
        }
        self.listing = listing
    }

    /// What gpg says of each signature: one process for all of them.
    func verify(_ signatures: [(OID, CommitSignature)]) throws -> [OID: OpenPGPOutcome] {
        guard !signatures.isEmpty else { return [:] }
        serial += 1
        let dir = scratch.file("\(name)-v\(serial)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var names = ""
        var byName: [String: OID] = [:]
        for (i, (id, sig)) in signatures.enumerated() {
            try sig.signedData.write(to: URL(fileURLWithPath: "\(dir)/\(i)"))
            try Data((sig.signature + "\n").utf8).write(to: URL(fileURLWithPath: "\(dir)/\(i).sig"))
            names += "\(i).sig\n"
            byName["\(i).sig"] = id
        }
        let common = ["--homedir", home, "--no-auto-key-retrieve", "--trust-model", "always", "--status-fd=1"]
        let r = try ProcessRunner.run(gpgProgram, common + ["--no-tty", "--verify-files"],
                                      environment: environment, stdin: Data(names.utf8), cwd: dir)
        processes += 1
        var outcomes: [OID: OpenPGPOutcome] = [:]
        var current: String?
        var lines: [Substring] = []
        for line in r.stdoutText.split(separator: "\n") {
            if line.hasPrefix("[GNUPG:] FILE_START ") {
                current = line.split(separator: " ").dropFirst(3).first.map(String.init)
                lines = []
            } else if line.hasPrefix("[GNUPG:] FILE_DONE") || line.hasPrefix("[GNUPG:] FILE_ERROR") {
                if let c = current, let id = byName[c], outcomes[id] == nil { outcomes[id] = OpenPGPOutcome(statusLines: lines) }
                current = nil
            } else if current != nil {
                lines.append(line)
            }
        }
        // A signature gpg gave no answer for (it stopped early) is checked on its own, as git does.
        for (i, (id, _)) in signatures.enumerated() where outcomes[id] == nil {
            let one = try ProcessRunner.run(gpgProgram, common + ["--batch", "--verify", "\(i).sig", "\(i)"],
                                            environment: environment, cwd: dir)
            processes += 1
            outcomes[id] = OpenPGPOutcome(statusLines: one.stdoutText.split(separator: "\n"))
        }
        return outcomes
    }
}
