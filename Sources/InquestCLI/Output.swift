import Foundation

/// Where a command writes: stdout carries results, stderr messages and progress.
/// Tests run commands in-process with buffers in place of the real streams.
public final class OutputSink {
    private let handle: FileHandle?
    private(set) var buffer = Data()
    public let isTerminal: Bool
    /// Control characters are made visible when this is set: on a terminal, and for hooks,
    /// whose stderr git forwards to the terminal of whoever pushed or committed.
    public var showsControlCharactersVisibly: Bool

    public init(handle: FileHandle) {
        self.handle = handle
        isTerminal = isatty(handle.fileDescriptor) == 1
        showsControlCharactersVisibly = isTerminal
    }

    /// As `init(handle:)`, but taken as a terminal when `INQUEST_TERMINAL=1` (tests that
    /// cannot give the process a pseudo-terminal; one test proves the real one with `script`).
    public convenience init(handle: FileHandle, environment: [String: String]) {
        self.init(handle: handle, forceTerminal: environment["INQUEST_TERMINAL"] == "1")
    }

    private init(handle: FileHandle, forceTerminal: Bool) {
        self.handle = handle
        isTerminal = forceTerminal || isatty(handle.fileDescriptor) == 1
        showsControlCharactersVisibly = isTerminal
    }

    /// A sink that keeps what is written (for tests), as a terminal or not.
    public init(terminal: Bool = false) {
        handle = nil
        isTerminal = terminal
        showsControlCharactersVisibly = terminal
    }

    public var text: String { String(decoding: buffer, as: UTF8.self) }

    /// Writes `s`; to a terminal, with control characters made visible (see `TerminalText`).
    public func write(_ s: String) {
        let data = Data((showsControlCharactersVisibly ? TerminalText.visible(s, styled: isTerminal) : TerminalText.unstyled(s)).utf8)
        if let handle { handle.write(data) } else { buffer.append(data) }
    }

    public func line(_ s: String = "") { write(s + "\n") }
}
