import Foundation
import HandoffCLI

/// What a run of the `handoff` command line did.
public struct CommandResult: Sendable {
    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the `handoff` command line in this process, as the executable would, and returns
/// its exit status and what it wrote. Only `environment` is visible to the command (no
/// `HANDOFF_CONFIG` or `TZ` leaks in from the test process, and the process's own
/// environment is never changed), so runs in parallel tests cannot see each other's.
/// `directory` is where the command looks for `config/handoff.toml`; give paths absolute.
public func runInProcess(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) async -> CommandResult {
    let streams = CapturedStreams()
    let console = Console(
        write: { bytes, stream in streams.append(bytes, to: stream) },
        environment: environment,
        currentDirectory: directory ?? FileManager.default.currentDirectoryPath,
        errorIsTerminal: false,
        logHandler: { label in CapturedLogHandler(label: label, streams: streams) })
    let status = await Console.$current.withValue(console) { await CommandLineEntry.run(arguments) }
    return CommandResult(status: status, stdout: streams.output, stderr: streams.error)
}
