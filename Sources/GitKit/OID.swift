import CGit2

/// A git object id (SHA-1), as a value: three words inline, no heap storage, so a history
/// of 100,000 ids in dictionaries and sets costs no allocation or reference counting per id.
public struct OID: Hashable, Sendable, CustomStringConvertible, Comparable {
    // The 20 bytes read big-endian: comparing the words in order compares the bytes.
    private let w0: UInt64
    private let w1: UInt64
    private let w2: UInt32

    init(_ raw: git_oid) {
        var raw = raw
        (w0, w1, w2) = withUnsafeBytes(of: &raw.id) { p in
            (UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
             UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
        }
    }

    init(_ pointer: UnsafePointer<git_oid>) { self.init(pointer.pointee) }

    public init?(hex: String) {
        var hex = hex
        guard let id = hex.withUTF8({ OID(hexUTF8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = id
    }

    /// From 40 hex digits (either case) given as UTF-8 bytes, without making a String:
    /// files of many ids are read this way.
    public init?(hexUTF8 digits: ArraySlice<UInt8>) {
        guard let id = digits.withUnsafeBytes({ OID(hexUTF8: $0) }) else { return nil }
        self = id
    }

    public init?(hexUTF8 digits: UnsafeRawBufferPointer) {
        guard digits.count == 40 else { return nil }
        func word(_ from: Int, _ count: Int) -> UInt64? {
            var w: UInt64 = 0
            for i in from..<(from + count) {
                let d = digits[i]
                let v: UInt8
                switch d {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = d &- UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v = d &- UInt8(ascii: "a") &+ 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): v = d &- UInt8(ascii: "A") &+ 10
                default: return nil
                }
                w = w << 4 | UInt64(v)
            }
            return w
        }
        guard let a = word(0, 16), let b = word(16, 16), let c = word(32, 8) else { return nil }
        w0 = a
        w1 = b
        w2 = UInt32(c)
    }

    /// The 20 bytes.
    public var bytes: [UInt8] {
        var r = raw
        return withUnsafeBytes(of: &r.id) { Array($0) }
    }

    var raw: git_oid {
        var raw = git_oid()
        withUnsafeMutableBytes(of: &raw.id) { p in
            p.storeBytes(of: w0.bigEndian, toByteOffset: 0, as: UInt64.self)
            p.storeBytes(of: w1.bigEndian, toByteOffset: 8, as: UInt64.self)
            p.storeBytes(of: w2.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return raw
    }

    public var hex: String {
        String(unsafeUninitializedCapacity: 40) { out in
            let digits: StaticString = "0123456789abcdef"
            let d = digits.utf8Start
            var i = 0
            func put(_ word: UInt64, _ nibbles: Int) {
                for n in stride(from: nibbles - 1, through: 0, by: -1) {
                    out[i] = d[Int((word >> (UInt64(n) * 4)) & 0xf)]
                    i += 1
                }
            }
            put(w0, 16)
            put(w1, 16)
            put(UInt64(w2), 8)
            return 40
        }
    }

    public var short: String { String(hex.prefix(10)) }
    public var description: String { hex }
    public var isZero: Bool { w0 == 0 && w1 == 0 && w2 == 0 }

    public static func < (a: OID, b: OID) -> Bool { (a.w0, a.w1, a.w2) < (b.w0, b.w1, b.w2) }

    func withRaw<R>(_ body: (UnsafePointer<git_oid>) throws -> R) rethrows -> R {
        var r = raw
        return try withUnsafePointer(to: &r) { try body($0) }
    }
}
