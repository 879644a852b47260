import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore

struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Queue a folder or file for delivery to a project's client; prints the handoff id.",
        discussion: "Every recipient is checked against the project's allow list first: a refused address queues nothing. `handoff run --once` then packages and sends it."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The folder or file to deliver.")
    var path: String

    @Option(name: [.short, .long], help: "The project (a key under [projects] in the config).")
    var project: String

    @Option(name: .long, help: ArgumentHelp("A recipient (repeatable); default: the project's contacts.", valueName: "address"), transform: EmailAddress.fromArgument)
    var to: [EmailAddress] = []

    @Option(name: .long, help: ArgumentHelp("A copy recipient (repeatable).", valueName: "address"), transform: EmailAddress.fromArgument)
    var cc: [EmailAddress] = []

    @Option(name: .long, help: ArgumentHelp("A blind-copy recipient (repeatable); never shown in the message.", valueName: "address"), transform: EmailAddress.fromArgument)
    var bcc: [EmailAddress] = []

    @Option(name: .long, help: "email, link or auto (default: the project's `deliver`).")
    var via: DeliveryRoute?

    @Option(name: .long, help: ArgumentHelp("The client request this answers (replies in its thread).", valueName: "id"))
    var request: String?

    @Option(name: .long, help: ArgumentHelp("A note for the client, put in the message.", valueName: "text"))
    var message: String?

    @Option(name: .long, help: ArgumentHelp("The time entries this delivery bills, e.g. 1,2,3 (default: those since the project's previous handoff).", valueName: "ids"))
    var entries: String?

    @Flag(name: .long, help: "Encrypt the zip (AES-256); the passphrase goes in a second message.")
    var encrypt = false

    @Flag(name: .long, help: "Print the queued handoff as JSON.")
    var json = false

    /// `--entries 1,2,3` as ids; refused naming the part that is not one.
    func entryIDs() throws(HandoffError) -> [Int64]? {
        guard let entries else { return nil }
        return try entries.split(separator: ",").map { (part) throws(HandoffError) -> Int64 in
            guard let id = Int64(part.trimmingWhitespace()), id > 0 else {
                throw .usage("--entries: '\(part)' is not a time entry id; give ids from `handoff time list`, like 1,2,3.")
            }
            return id
        }
    }

    func run() async throws {
        let outcome = try await reportingErrors { () throws(HandoffError) in
            let gateway = try global.openGateway(secrets: .deferred)
            return try gateway.deliver(
                path: path, project: project, to: to, cc: cc, bcc: bcc, via: via, message: message,
                request: request, encrypt: encrypt ? true : nil, entries: try entryIDs())
        }
        let record = outcome.record
        if json {
            try printJSON(HandoffSummary(record: record, package: nil))
        } else {
            let recipients = ((try? record.decodedRecipients())?.all ?? []).map(\.address).joined(separator: ", ")
            say("\(record.id) queued for project \(record.projectId) → \(recipients)")
        }
    }
}
