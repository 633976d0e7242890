/// Bytes as lowercase hex, two digits each. `String(format: "%02x")` per byte gives the same
/// text but goes through C varargs and the runtime's protocol lookups on every run: on the
/// path to the index file that was a sixtieth of a small `show`.
enum Hex {
    static func lowercase<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
