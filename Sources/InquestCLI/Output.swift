import Foundation

/// Where a command writes: stdout carries results, stderr messages and progress.
/// Tests run commands in-process with buffers in place of the real streams.
public final class OutputSink {
    private let handle: FileHandle?
    private(set) var buffer = Data()
    public let isTerminal: Bool

    public init(handle: FileHandle) {
        self.handle = handle
        isTerminal = isatty(handle.fileDescriptor) == 1
    }

    /// A sink that keeps what is written (for tests), as a terminal or not.
    public init(terminal: Bool = false) {
        handle = nil
        isTerminal = terminal
    }

    public var text: String { String(decoding: buffer, as: UTF8.self) }

    public func write(_ s: String) {
        let data = Data(s.utf8)
        if let handle { handle.write(data) } else { buffer.append(data) }
    }

    public func line(_ s: String = "") { write(s + "\n") }
}
