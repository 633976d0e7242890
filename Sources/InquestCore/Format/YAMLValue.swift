/// A front-matter value as Inquest keeps it: enough structure to round-trip what people
/// write by hand, canonically, without depending on a YAML library's own emitter.
public indirect enum YAMLValue: Hashable, Sendable {
    /// A scalar's text; `plain` records that it was (or may be) written unquoted, so a
    /// hand-written `count: 3` is written back as a number, not as the string "3".
    case scalar(String, plain: Bool)
    case list([YAMLValue])
    case map([YAMLPair])

    public static let null = YAMLValue.scalar("", plain: true)

    /// A string value that Inquest writes; the emitter decides whether it needs quotes.
    public static func string(_ s: String) -> YAMLValue { .scalar(s, plain: false) }
    public static func bool(_ b: Bool) -> YAMLValue { .scalar(b ? "true" : "false", plain: true) }

    public var isNull: Bool {
        if case .scalar(let s, let plain) = self, plain {
            return s.isEmpty || s == "~" || s.lowercased() == "null"
        }
        return false
    }

    /// The scalar's text, or nil for a list or map.
    public var scalarText: String? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }
}

/// One key of a mapping, in order. `line` is where it was read (1-based, in the file), if read.
public struct YAMLPair: Hashable, Sendable {
    public var key: String
    public var value: YAMLValue
    public var line: Int?

    public init(_ key: String, _ value: YAMLValue, line: Int? = nil) {
        self.key = key
        self.value = value
        self.line = line
    }

    // Lines are where a value was read, not part of its identity.
    public static func == (a: YAMLPair, b: YAMLPair) -> Bool { a.key == b.key && a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(key); h.combine(value) }
}
