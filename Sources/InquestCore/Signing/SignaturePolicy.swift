import Foundation

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
        let root: YAMLValue?
        do {
            root = try YAMLReader.read(text)
        } catch {
            throw InquestError(.policy, "\(path): not valid YAML: \(error)")
        }
        guard case .map(let pairs)? = root, let pair = pairs.first(where: { $0.key == "require_signed" }) else { return false }
        // Read as the full policy reads it (true/false, yes/no, on/off; an empty value is an
        // error there too, not a silent "no").
        let flag = try PolicyParser.Reader(path: path).bool(.init(value: pair.value, line: pair.line), "require_signed")
        return flag
    }
}
