import Foundation
import GitKit

/// The right to make commits on the data branch, carrying this run's signing decision.
///
/// Every commit Inquest makes (`Store.write`, `Store.initialize`, `Store.mergeCommit`,
/// `Store.makeCommit`) takes a `Writer`, and a `Writer` exists only once signing has been
/// decided: from `--sign` / `--no-sign` and git's configuration (`Writer.decide`), or from
/// an explicit signer (`Writer(signer:)`). So a new write path cannot forget to sign: it
/// does not compile without a writer, and the only writers there are sign exactly when the
/// user asked for it.
public struct Writer: Sendable {
    /// Who signs; nil when signing is off for this run (by `--no-sign` or git's configuration).
    public let signer: (any Signer)?

    /// A writer that signs every commit with `signer`.
    public init(signer: any Signer) {
        self.signer = signer
    }

    private init(unsignedBecauseSigningIsOff: Void) {
        signer = nil
    }

    public var signs: Bool { signer != nil }

    /// The decision git would make for `git commit` in the repository behind `store`, with
    /// `choice` (`--sign` true, `--no-sign` false, neither nil) taking precedence.
    public static func decide(for store: Store, choice: Bool?) throws -> Writer {
        let config = try SigningConfiguration.of(store)
        guard config.shouldSign(choice) else { return Writer(unsignedBecauseSigningIsOff: ()) }
        do {
            return Writer(signer: try config.signer())
        } catch let e as SigningError {
            throw e.asInquestError
        }
    }

    /// Writes one commit object (moving no reference), signed when this writer signs.
    func commit(in repository: Repository, tree: OID, parents: [OID], message: String,
                author: Signature, committer: Signature) throws -> OID {
        try repository.createCommit(tree: tree, parents: parents, message: message,
                                    author: author, committer: committer, signer: commitSigner)
    }

    private var commitSigner: CommitSigner? {
        guard let signer else { return nil }
        return { payload in
            do {
                return try signer.sign(payload)
            } catch let e as SigningError {
                throw e.asInquestError
            }
        }
    }
}
