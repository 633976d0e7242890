import Foundation

extension Postmortems {
    /// Decides whether this run signs its commits: `--sign` (true), `--no-sign` (false), or
    /// git's configuration (nil). Every commit the store writes then goes through the
    /// writer, and a signing failure aborts the write before the branch moves.
    public func configureSigning(_ choice: Bool?) throws {
        decidedWriter = try Writer.decide(for: store, choice: choice)
    }

    /// Signs with `signer` from now on. Tests hand in a `FakeSigner` here; nil decides
    /// again from git's configuration at the next write.
    public func use(signer: (any Signer)?) {
        decidedWriter = signer.map { Writer(signer: $0) }
    }

    /// Who signs this run's commits (nil: unsigned, or not decided yet).
    public var signer: (any Signer)? { decidedWriter?.signer }

    /// The writer every write of this run uses. When no command decided (with
    /// `configureSigning`), git's configuration decides, so a write path that forgot
    /// `--sign` still signs exactly when `git commit` would.
    func writer() throws -> Writer {
        if let decidedWriter { return decidedWriter }
        let w = try Writer.decide(for: store, choice: nil)
        decidedWriter = w
        return w
    }

    /// The signer for a write that is worthless unsigned (`approve`, `trust`): the configured
    /// one, even when signing is off in git's configuration.
    func requiredSigner(for command: String) throws -> any Signer {
        if let signer { return signer }
        do {
            let s = try SigningConfiguration.of(store).signer()
            use(signer: s)
            return s
        } catch let e as SigningError {
            throw InquestError(.invalid, "`inquest \(command)` makes a signed commit, but there is no signing key: \(e.message)",
                               hint: e.hint ?? "configure signing as for `git commit -S` (user.signingkey, gpg.format)")
        }
    }

    /// The public half of `signer`, as an InquestError when it cannot be read.
    func publicKey(of signer: any Signer) throws -> TrustedKey.Material {
        do {
            return try signer.publicKey()
        } catch let e as SigningError {
            throw InquestError(.invalid, "cannot read the public key of your signing key (\(signer.keyDescription)): \(e.message)",
                               hint: e.hint)
        }
    }

    /// The signing key as a trust root owned by the user's git identity.
    func ownTrustRoot(_ signer: any Signer) throws -> TrustedKey {
        let me = try store.identity(.author)
        let key = TrustedKey(material: try publicKey(of: signer), owner: KeyOwner(name: me.name, email: me.email))
        if let p = key.owner.problem {
            throw InquestError.invalid("your git identity cannot own a trust root: \(p)")
        }
        return key
    }
}
