/// How big and how deep a record may be. Everything on the data branch is written by
/// someone who can push, so every reader, the hooks, the merge driver and `sync` check
/// these before parsing, and a record that breaks one is a problem naming the file,
/// never a crash or a huge allocation. The figures are documented in docs/robustness.md;
/// they are generous for real postmortems (a 50 MB record still reads in seconds).
public enum RecordLimits {
    /// The largest record file, in bytes (64 MiB). Checked against the blob's size in the
    /// object database before the blob is read, so a small compressed bomb never inflates.
    public static let maxRecordBytes = 64 << 20
    /// The largest front matter, in bytes (4 MiB): thousands of list items and conflicts.
    public static let maxFrontMatterBytes = 4 << 20
    /// The deepest nesting of lists and mappings in front matter. Records use three
    /// (a list of mappings of scalars); 16 leaves room for hand-written structure.
    public static let maxDepth = 16
    /// The most YAML nodes (scalars, lists, mappings) in one front matter.
    public static let maxNodes = 200_000
    /// The largest `.inquest/` settings file (policy), in bytes (1 MiB).
    public static let maxSettingsBytes = 1 << 20
}
