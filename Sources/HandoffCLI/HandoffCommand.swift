import ArgumentParser

/// The root command: its subcommands and the exit codes every one of them uses.
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
            LedgerCommand.self, InboxCommand.self,
            RequestsCommand.self,
        ]
    )
}
