import Foundation

/// Reads the SSH wire encoding (RFC 4251 §5: uint32, length-prefixed strings, mpints) from
/// bytes that arrived through git and so may be anything: every length is checked against
/// what is left before anything is read, and nothing here can trap.
struct SSHWireReader {
    /// A field that does not fit, or a value out of range. The message says which.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init<D: DataProtocol>(_ data: D) { bytes = Array(data) }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    /// `count` raw bytes.
    mutating func fixed(_ count: Int, _ what: String) throws -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw Malformed("\(what): needs \(count) bytes, \(remaining) left")
        }
        let out = Array(bytes[offset..<(offset + count)])
        offset += count
        return out
    }

    mutating func uint32(_ what: String) throws -> UInt32 {
        let b = try fixed(4, what)
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    /// A length-prefixed byte string. The length is compared with what is left before any
    /// allocation, so a forged length of 4 GiB costs nothing.
    mutating func string(_ what: String) throws -> [UInt8] {
        let length = try uint32(what + " length")
        guard UInt64(length) <= UInt64(remaining) else {
            throw Malformed("\(what): length \(length) but only \(remaining) bytes left")
        }
        return try fixed(Int(length), what)
    }

    /// A string that must be text (names, namespaces, algorithms): ASCII without NUL, as
    /// OpenSSH's `sshbuf_get_cstring` refuses embedded NULs.
    mutating func text(_ what: String) throws -> String {
        let raw = try string(what)
        guard raw.allSatisfy({ $0 != 0 && $0 < 0x80 }) else { throw Malformed("\(what) is not plain text") }
        return String(decoding: raw, as: UTF8.self)
    }

    /// A non-negative mpint, as big-endian magnitude bytes without leading zeros. A negative
    /// value (top bit set) is refused, as OpenSSH does.
    mutating func positiveMPInt(_ what: String, maxBytes: Int) throws -> [UInt8] {
        let raw = try string(what)
        if let first = raw.first, first & 0x80 != 0 { throw Malformed("\(what) is negative") }
        let magnitude = Array(raw.drop { $0 == 0 })
        guard magnitude.count <= maxBytes else { throw Malformed("\(what) is too large (\(magnitude.count) bytes)") }
        return magnitude
    }
}

/// Writes the SSH wire encoding: what OpenSSH signs is rebuilt with this, byte for byte.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw<S: Sequence>(_ s: S) where S.Element == UInt8 { bytes.append(contentsOf: s) }

    mutating func uint32(_ v: UInt32) {
        bytes += [UInt8(v >> 24 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
    }

    mutating func string<C: Collection>(_ s: C) where C.Element == UInt8 {
        uint32(UInt32(s.count))
        bytes.append(contentsOf: s)
    }

    mutating func string(_ s: String) { string(Array(s.utf8)) }
}
