import Foundation

/// A deterministic stand-in signer for unit tests of the parts that only need commits to go
/// through a signer (the store, merges, services): the same payload and name always give the
/// same "signature", and `refuse` makes it fail like an agent that said no.
///
/// Its signatures are not OpenPGP or SSH, so verification reports them as bad; tests of
/// signing and verification themselves use real keys.
public struct FakeSigner: Signer {
    public let name: String
    public let refuse: Bool

    public init(name: String = "fake", refuse: Bool = false) {
        self.name = name
        self.refuse = refuse
    }

    public static let header = "-----BEGIN FAKE SIGNATURE-----"

    public var format: SignatureFormat { .ssh }
    public var keyDescription: String { "fake key '\(name)'" }

    public func sign(_ payload: String) throws -> String {
        if refuse { throw SigningError("agent refused operation (fake key '\(name)')") }
        let digest = Hex.lowercase(SHA256.digest(Data((name + "\n" + payload).utf8)))
        return "\(Self.header)\n\(name) \(digest)\n-----END FAKE SIGNATURE-----"
    }

    public func publicKey() throws -> TrustedKey.Material {
        if refuse { throw SigningError("agent refused operation (fake key '\(name)')") }
        return .ssh(type: "ssh-fake", blob: Data(name.utf8).base64EncodedString())
    }
}
