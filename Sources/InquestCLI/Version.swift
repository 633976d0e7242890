/// The version `inquest --version` prints.
public enum InquestVersion {
    public static let text = "0.9.0"
}
