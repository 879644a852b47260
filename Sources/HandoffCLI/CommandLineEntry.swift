import ArgumentParser
import Foundation

/// Runs the `handoff` command line on given arguments and returns the exit status, doing
/// what swift-argument-parser's `main()` does but through `Console.current` and without
/// ending the process: the executable exits with the status, a test reads it.
public enum CommandLineEntry {
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try await HandoffCommand.asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch {
            let message = HandoffCommand.fullMessage(for: error)
            let status = HandoffCommand.exitCode(for: error)
            // As `exit(withError:)`: help and version (the only messages with success)
            // go to standard output, everything else to standard error.
            if !message.isEmpty {
                Console.current.write(message + "\n", to: status.isSuccess ? .output : .error)
            }
            return status.rawValue
        }
    }
}
