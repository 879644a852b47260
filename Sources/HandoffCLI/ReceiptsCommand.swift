import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffReceipts

struct ReceiptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipts",
        abstract: "A project's delivery receipt: what was delivered, when, how, and the hours it billed.",
        subcommands: [Show.self, Verify.self],
        defaultSubcommand: Show.self
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, csv, json
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the receipt, or mail it to the project's contacts with --send.",
            discussion: "The JSON form is signed (Ed25519) over its canonical bytes; clients check it with `handoff receipts verify FILE`, or offline as README.md describes.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The project.")
        var project: String

        @Option(name: .long, help: ArgumentHelp("The first day (handoffs queued from then).", valueName: "date"))
        var from: String?

        @Option(name: .long, help: ArgumentHelp("The last day, included.", valueName: "date"))
        var to: String?

        @Option(name: .long, help: "md, html, csv or json (signed).")
        var format: Format = .md

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .long, help: "Queue the receipt for the project's contacts: HTML with a text alternative, the signed JSON attached.")
        var send = false

        func run() async throws {
            let bytes = try await reportingErrors { () throws(HandoffError) -> [UInt8] in
                let gateway = try global.openGateway(secrets: .deferred)
                let clock = localClock()
                let now = Date()
                let period = try UserTime.period(from: from, to: to, clock: clock, now: now)
                if send {
                    let queued = try gateway.queueReceipt(project: project, from: period.from, to: period.to, now: now, clock: clock)
                    return Array("\(queued.id) queued for project \(project) → \(queued.recipients.joined(separator: ", ")) (signed JSON sha256:\(queued.jsonSha256.prefix(12))…); `handoff run --once` sends it.\n".utf8)
                }
                let receipt = try gateway.receipt(project: project, from: period.from, to: period.to, now: now, clock: clock)
                switch format {
                case .md: return Array(receipt.markdown.utf8)
                case .html: return Array(receipt.html.utf8)
                case .csv: return Array(receipt.csv.utf8)
                case .json: return try gateway.signedReceipt(receipt)
                }
            }
            if let output, !send {
                do {
                    try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    Console.current.write("handoff: cannot write \(output): \(error.localizedDescription)\n", to: .error)
                    throw ExitCode(73)
                }
            } else {
                Console.current.write(Data(bytes), .output)
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a signed JSON receipt: exits 0 when the signature holds, 65 when it does not.")

        @Argument(help: "The signed receipt (.json).")
        var file: String

        @Option(name: .long, help: ArgumentHelp("The public key the VA gave you (`handoff ledger key`); without it the key inside the file is used.", valueName: "key"))
        var key: String?

        func run() async throws {
            let result = try await reportingErrors { () throws(HandoffError) in
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw HandoffError.badInput("Cannot read \(file).")
                }
                return try ReceiptSigner.verify(Array(data), source: file, expectedKey: key)
            }
            let project = result.receipt["project"]?["id"]?.stringValue ?? "?"
            let head = result.receipt["ledger"]?["chain_head"]?.stringValue ?? "?"
            say("ok: \(file) is signed by ed25519:\(result.publicKey) (project \(project), chain head \(head))")
            if key == nil {
                say("note: checked against the key inside the file; pass --key with the key the VA gave you to know who signed it.")
            }
        }
    }
}
