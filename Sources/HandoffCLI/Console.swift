import Foundation
import Logging

/// Which of a command's two output streams a write goes to.
public enum ConsoleStream: Sendable {
    case output, error
}

/// What a command writes to and reads from the process around it: its two output streams,
/// its environment and its working folder. Commands reach it through `Console.current`, so
/// a test can run them in-process with its own environment and read what they wrote,
/// while the real executable keeps the process's own streams and environment.
public struct Console: Sendable {
    /// Writes text or bytes as they are; the caller has already escaped what needs it.
    public var write: @Sendable (_ bytes: Data, _ stream: ConsoleStream) -> Void
    public var environment: [String: String]
    public var currentDirectory: String
    /// Whether standard error is a terminal a progress line may redraw on.
    public var errorIsTerminal: Bool
    /// Makes the handler behind the loggers the commands create (swift-log's global
    /// bootstrap may happen only once per process, so commands never rely on it).
    public var logHandler: @Sendable (_ label: String) -> any LogHandler

    public init(
        write: @escaping @Sendable (_ bytes: Data, _ stream: ConsoleStream) -> Void, environment: [String: String],
        currentDirectory: String, errorIsTerminal: Bool, logHandler: @escaping @Sendable (_ label: String) -> any LogHandler
    ) {
        self.write = write
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.errorIsTerminal = errorIsTerminal
        self.logHandler = logHandler
    }

    /// The console commands use: the process's own unless a caller bound another.
    @TaskLocal public static var current = Console.process

    /// The process's standard streams, environment and working folder.
    public static var process: Console {
        Console(
            write: { bytes, stream in
                switch stream {
                // Through stdio, as `print` always went: a reader that closes the pipe early
                // (`| head`) must not make a write trap.
                case .output: print(String(decoding: bytes, as: UTF8.self), terminator: "")
                case .error: FileHandle.standardError.write(bytes)
                }
            },
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            errorIsTerminal: isatty(STDERR_FILENO) == 1,
            logHandler: { label in StreamLogHandler.standardError(label: label) })
    }

    func write(_ text: String, to stream: ConsoleStream = .output) {
        write(Data(text.utf8), stream)
    }
}
