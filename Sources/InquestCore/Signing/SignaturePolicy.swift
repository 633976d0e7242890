import Foundation

/// The one policy setting signatures need: `require_signed` in `.inquest/policy.yml`, read
/// by the full policy parser, so verification, the hooks and the gates cannot read the file
/// differently. A policy that does not read is an error here as everywhere, never "no".
public enum SignaturePolicy {
    /// Whether the policy at `snapshot` requires every commit to be good (signed by a key
    /// in force). A missing file or key means no; a policy that does not read (a value that
    /// is not a boolean, an unknown setting, text that is not YAML) is an error naming the
    /// file, the line and the field.
    public static func requireSigned(_ snapshot: Snapshot) throws -> Bool {
        guard let data = try snapshot.data(at: Layout.policyPath) else { return false }
        return try PolicyParser.parse(data: data, path: Layout.policyPath).requireSigned
    }
}
