import Foundation

/// What a code commit's message says about follow-ups: `Follow-up: FU-…` (work on it) and
/// `Fixes-Follow-up: FU-…` (this completes it), and `This reverts commit <sha>`.
///
/// The one reader of these lines, shared by the link scan and the `commit-msg` hook.
/// Trailer lines are accepted anywhere in the message and with leading whitespace, because
/// a squash merge keeps them inside the squashed message (`git merge --squash` indents each
/// original message by four spaces; forges list them one after another).
public struct CodeTrailers: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `Follow-up:`: the commit works on the follow-up.
        case mentions = "follow-up"
        /// `Fixes-Follow-up:`: the commit completes it; the only kind that proves `merged`.
        case fixes = "fixes-follow-up"
    }

    public struct Trailer: Sendable, Hashable, Codable {
        public var kind: Kind
        /// As written (an ID or a unique prefix of one); resolved against the branch later,
        /// because the follow-up may not exist yet when the commit is scanned.
        public var target: String

        public init(kind: Kind, target: String) {
            self.kind = kind
            self.target = target
        }
    }

    public var trailers: [Trailer] = []
    /// Full commit ids named by `This reverts commit <sha>` lines.
    public var reverts: [String] = []

    public var isEmpty: Bool { trailers.isEmpty && reverts.isEmpty }

    private static let revertsCommit: [UInt8] = Array("reverts commit".utf8)

    /// A quick test on raw message bytes, so a scan decodes only the messages that can hold
    /// something: "-up:" (either trailer, any case) or "reverts commit".
    public static func mightContain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard n >= 4 else { return false }
        let word = revertsCommit
        var i = 0
        while i + 3 < n {
            let b = bytes[i]
            if b == 0x2d /* - */ {
                let u = bytes[i + 1] | 0x20, p = bytes[i + 2] | 0x20
                if u == 0x75 && p == 0x70 && bytes[i + 3] == 0x3a { return true }
            } else if b == 0x72 /* r */ && i + 14 <= n {
                var match = true
                for k in 0..<word.count where bytes[i + k] != word[k] { match = false; break }
                if match { return true }
            }
            i += 1
        }
        return false
    }

    /// Nothing: a commit that says nothing about follow-ups.
    public init() {}

    /// Reads a whole message.
    public init(message: String) {
        for raw in message.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("This reverts commit ") {
                let rest = line.dropFirst("This reverts commit ".count)
                let hex = rest.prefix { $0.isHexDigit }
                if hex.count == 40 { reverts.append(hex.lowercased()) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let kind: Kind
            switch key {
            case "follow-up": kind = .mentions
            case "fixes-follow-up": kind = .fixes
            default: continue
            }
            // Several follow-ups on one line are allowed, separated by commas or spaces.
            let values = line[line.index(after: colon)...]
                .split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
                .map(String.init).filter { !$0.isEmpty }
            for v in values where v.count <= 64 { trailers.append(Trailer(kind: kind, target: v)) }
        }
    }
}
