import Foundation
import Yams

/// The one policy setting signatures need: `require_signed` in `.inquest/policy.yml`.
///
/// Kept to this one function on purpose, so the full policy parser (Policy/) can take its
/// place without touching the callers.
public enum SignaturePolicy {
    /// Whether the policy at `snapshot` requires every commit to be good (signed by a key
    /// in force). A missing file or key means no; a value that is not a boolean is an error
    /// naming the file and the field.
    public static func requireSigned(_ snapshot: Snapshot) throws -> Bool {
        let path = Layout.policyPath
        guard let data = try snapshot.data(at: path) else { return false }
        if data.count > RecordLimits.maxSettingsBytes {
            throw InquestError(.policy, "\(path): is \(data.count) bytes, more than the limit of \(RecordLimits.maxSettingsBytes)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let loaded: Any?
        do {
            // Checked first: Yams expands aliases while loading (see YAMLReader).
            try YAMLReader.check(text)
            loaded = try Yams.load(yaml: text)
        } catch {
            throw InquestError(.policy, "\(path): not valid YAML: \(error)")
        }
        guard let map = loaded as? [String: Any], let value = map["require_signed"] else { return false }
        if value is NSNull { return false }
        guard let flag = value as? Bool else {
            throw InquestError(.policy, "\(path): require_signed: '\(value)' is not true or false")
        }
        return flag
    }
}
