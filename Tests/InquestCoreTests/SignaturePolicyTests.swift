import Foundation
import GitKit
@testable import InquestCore
import Testing
import TestSupport

/// `require_signed` as verification and the push gate read it (`SignaturePolicy`), from a
/// policy file on a branch: the full policy's reading, so no reader can take a policy for a
/// weaker one than the gates and hooks see. (It was once a reader of its own, which read an
/// empty value as "no" where the full policy refused it.)
@Suite struct SignaturePolicyTests {
    let tmp = TempDir()

    func snapshot(_ policy: Data) throws -> Snapshot {
        let path = tmp.sub("repo")
        if !FileManager.default.fileExists(atPath: path + "/.git") {
            try Sandbox(home: tmp.sub("home")).makeRepository(path, commit: false)
        }
        let repo = try Repository.open(at: path)
        var editor = TreeEditor(repository: repo, base: nil)
        editor.set(Layout.policyPath, blob: try repo.writeBlob(policy))
        return Snapshot(repository: repo, tree: try editor.write())
    }

    @Test func requireSignedReadsAsTheWholePolicyDoes() throws {
        let cases: [(String, Bool?)] = [
            ("true", true), ("false", false), ("yes", true), ("no", false), ("on", true), ("off", false),
            ("True", true), ("\"true\"", true), ("'off'", false), ("", nil), ("~", nil), ("null", nil),
            ("perhaps", nil), ("[true]", nil), ("{a: 1}", nil),
        ]
        for (value, expected) in cases {
            let result = Result { try SignaturePolicy.requireSigned(try snapshot(Data("version: 1\nrequire_signed: \(value)\n".utf8))) }
            switch (result, expected) {
            case (.success(let got), let e?):
                #expect(got == e, "require_signed: \(value)")
            case (.failure(let error), nil):
                #expect(String(describing: error).hasPrefix(".inquest/policy.yml:2: require_signed:"), "\(error)")
            default:
                Issue.record("require_signed: \(value): \(result), expected \(String(describing: expected))")
            }
        }
    }

    /// A policy the gates cannot read is not read as "signatures not required" either.
    @Test func aPolicyThatDoesNotReadIsAnErrorNotANo() throws {
        for (bytes, message) in [
            (Data("version: 1\nrequire_signed: true\nrequire_sigend: false\n".utf8), ".inquest/policy.yml:3: unknown setting 'require_sigend'"),
            (Data("version: 1\nrequire_signed: false\n".utf8) + Data([0xFF]), ".inquest/policy.yml: not valid UTF-8"),
            (Data("version: 2\nrequire_signed: false\n".utf8), ".inquest/policy.yml:1: version: only version 1 is known"),
        ] {
            #expect { try SignaturePolicy.requireSigned(try snapshot(bytes)) } throws: { error in
                String(describing: error).hasPrefix(message)
            }
        }
        #expect(try SignaturePolicy.requireSigned(try snapshot(Data("version: 1\n".utf8))) == false)
    }
}
