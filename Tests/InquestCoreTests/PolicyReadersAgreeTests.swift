import Foundation
import GitKit
@testable import InquestCore
import Testing
import TestSupport

/// `require_signed` is read in two places: the whole policy (PolicyParser, for gates and
/// hooks) and alone (SignaturePolicy, for verification). Both read it through the one YAML
/// reader and the same boolean rule, so they cannot disagree on what a branch requires.
@Suite struct PolicyReadersAgreeTests {
    let tmp = TempDir()

    @Test func requireSignedReadsTheSameEverywhere() throws {
        let path = tmp.sub("repo")
        try Sandbox(home: tmp.sub("home")).makeRepository(path, commit: false)
        let repo = try Repository.open(at: path)
        let cases: [(String, Bool?)] = [
            ("true", true), ("false", false), ("yes", true), ("no", false), ("on", true), ("off", false),
            ("True", true), ("\"true\"", true), ("'off'", false), ("", nil), ("~", nil), ("null", nil),
            ("perhaps", nil), ("[true]", nil), ("{a: 1}", nil),
        ]
        for (value, expected) in cases {
            let text = "version: 1\nrequire_signed: \(value)\n"
            var editor = TreeEditor(repository: repo, base: nil)
            editor.set(Layout.policyPath, blob: try repo.writeBlob(Data(text.utf8)))
            let snapshot = Snapshot(repository: repo, tree: try editor.write())
            let alone = Result { try SignaturePolicy.requireSigned(snapshot) }
            let whole = Result { try PolicyParser.parse(text, path: Layout.policyPath).requireSigned }
            switch (alone, whole, expected) {
            case (.success(let a), .success(let w), let e?):
                #expect(a == e && w == e, "require_signed: \(value): alone \(a), whole \(w), expected \(e)")
            case (.failure(let a), .failure(let w), nil):
                #expect(String(describing: a) == String(describing: w), "require_signed: \(value)")
                #expect(String(describing: a).hasPrefix(".inquest/policy.yml:2: require_signed:"), "\(a)")
            default:
                Issue.record("require_signed: \(value): alone \(alone), whole \(whole), expected \(String(describing: expected))")
            }
        }
    }
}
