@testable import InquestCore
import Testing

/// Which checker a commit's signature goes to, from its armor's first line.
@Suite struct SignatureFormatTests {
    @Test(arguments: [
        ("-----BEGIN PGP SIGNATURE-----\n\niQ==\n-----END PGP SIGNATURE-----", SignatureFormat.openpgp),
        ("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----", .ssh),
        ("\n  \t-----BEGIN SSH SIGNATURE-----\nU1NIU0lH", .ssh),
        ("\u{A0}-----BEGIN PGP SIGNATURE-----", .openpgp),
    ])
    func armorNamesItsFormat(text: String, format: SignatureFormat) {
        #expect(SignatureFormat(armored: text) == format)
    }

    @Test(arguments: ["", "-", "-----BEGIN SIGNED MESSAGE-----\nMIIB", "x-----BEGIN SSH SIGNATURE-----",
                      "-----BEGIN PGP SIGNATUR", "-----begin ssh signature-----"])
    func anythingElseIsNoFormat(text: String) {
        #expect(SignatureFormat(armored: text) == nil)
    }
}
