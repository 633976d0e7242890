import CGit2

/// A git object id (SHA-1), as a value.
public struct OID: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let bytes: [UInt8]

    init(_ raw: git_oid) {
        var raw = raw
        bytes = withUnsafeBytes(of: &raw.id) { Array($0) }
    }

    init(_ pointer: UnsafePointer<git_oid>) { self.init(pointer.pointee) }

    public init?(hex: String) {
        Library.ensure()
        var raw = git_oid()
        guard hex.utf8.count == 40, git_oid_fromstr(&raw, hex) == 0 else { return nil }
        self.init(raw)
    }

    var raw: git_oid {
        var raw = git_oid()
        withUnsafeMutableBytes(of: &raw.id) { dst in
            for (i, b) in bytes.enumerated() { dst[i] = b }
        }
        return raw
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(40)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var short: String { String(hex.prefix(10)) }
    public var description: String { hex }
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    public static func < (a: OID, b: OID) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    func withRaw<R>(_ body: (UnsafePointer<git_oid>) throws -> R) rethrows -> R {
        var r = raw
        return try withUnsafePointer(to: &r) { try body($0) }
    }
}
