import Foundation

/// The fuzzer's bytes, split where a target needs several inputs.
public enum FuzzInput {
    /// `count` parts of `data`, cut at the byte 0x00 (the last part takes the rest), so the
    /// corpus files stay readable text with NUL separators.
    public static func split(_ data: Data, into count: Int) -> [Data] {
        var parts: [Data] = []
        var rest = data[...]
        while parts.count < count - 1, let cut = rest.firstIndex(of: 0) {
            parts.append(Data(rest[..<cut]))
            rest = rest[(cut + 1)...]
        }
        parts.append(Data(rest))
        while parts.count < count { parts.append(Data()) }
        return parts
    }

    /// The bytes libFuzzer hands over, copied.
    public static func data(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> Data {
        Data(bytes: bytes, count: size)
    }
}
