import ArgumentParser
import Foundation

/// Process set-up that must happen before any command runs.
@main
enum Entry {
    static func main() async {
        // Archive entry names go through the C locale; without a UTF-8 LC_CTYPE, non-ASCII
        // file names would be mangled.
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
        // A closed socket must be an error to handle, not a signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
        await HandoffCommand.main()
    }
}

struct HandoffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handoff",
        abstract: "Package finished work, deliver it to a client by email or link, and keep receipts.",
        discussion: """
            Exit codes: 0 success, 64 usage, 65 bad input data, 69 service unavailable, \
            70 internal error, 75 temporary failure (retry later), 78 configuration error.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, DoctorCommand.self, PackageCommand.self, DeliverCommand.self,
            RunCommand.self, QueueCommand.self, ClockCommand.self, TimeCommand.self, ReceiptsCommand.self,
            LedgerCommand.self,
        ]
    )
}
