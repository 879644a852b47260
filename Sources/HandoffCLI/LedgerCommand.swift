import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Check the hash-chained ledger and show the receipt signing key.",
        subcommands: [Verify.self, Key.self],
        defaultSubcommand: Verify.self
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every project's chain; exits 65 naming the first changed, removed or reordered event.")

        @OptionGroup var global: GlobalOptions

        @Option(name: [.short, .long], help: "Only this project.")
        var project: String?

        @Option(name: .long, help: ArgumentHelp("Also check that the ledger still holds the chain this signed receipt (a file a client holds) vouches for.", valueName: "file"))
        var receipt: String?

        @Flag(name: .long, help: "Print one JSON document.")
        var json = false

        struct Result: Codable {
            var project: String
            var events: Int
            var head: String
            /// The event count the signed head anchor outside the database vouches for.
            var anchored: Int64?
            var ok: Bool
            var problem: String?
        }

        func run() async throws {
            let results = try await reportingErrors { () throws(HandoffError) in
                if let receipt {
                    return [try Self.check(receipt: receipt, with: try global.openGateway(secrets: .deferred))]
                }
                let (config, store) = try global.openStoreForReading()
                let id = try project.map { (name) throws(HandoffError) in try Gateway.project(name, in: config).id }
                return try store.verifyLedger(project: id).map {
                    Result(project: $0.project, events: $0.events, head: $0.head, anchored: $0.anchored?.seq, ok: $0.problem == nil, problem: $0.problem)
                }
            }
            if json {
                try printJSON(results)
            } else {
                if results.isEmpty { say("The ledger is empty.") }
                for result in results {
                    if let problem = result.problem {
                        say("FAIL  \(result.project): \(problem)")
                    } else if receipt != nil {
                        say("ok    \(result.project): the ledger still holds the \(result.events) events the receipt vouches for (head \(result.head))")
                    } else {
                        say("ok    \(result.project): \(result.events) events, head \(result.head)")
                    }
                }
            }
            if let broken = results.first(where: { !$0.ok }) {
                Console.current.write("handoff: the ledger of project '\(broken.project)' does not verify: \(broken.problem ?? "")\n", to: .error)
                throw ExitCode(65)
            }
        }
    }

}

extension LedgerCommand.Verify {
    static func check(receipt path: String, with gateway: Gateway) throws(HandoffError) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badInput("Cannot read the receipt \(path).")
        }
        let check = try gateway.checkReceipt(Array(data), source: path)
        return Result(project: check.project, events: Int(check.events), head: check.head, ok: check.problem == nil, problem: check.problem)
    }
}

extension LedgerCommand {
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the public key receipts are signed with (made on first use).",
            discussion: "Give it to clients so they can check a receipt offline: `handoff receipts verify FILE --key KEY`, or with openssl (see --pem).")

        @OptionGroup var global: GlobalOptions

        @Flag(name: .long, help: "Print it as PEM (SubjectPublicKeyInfo), what openssl reads.")
        var pem = false

        func run() async throws {
            let signer = try await reportingErrors { () throws(HandoffError) in
                try global.openGateway(secrets: .deferred).receiptSigner()
            }
            if pem {
                Console.current.write(signer.publicKeyPEM)
            } else {
                say("ed25519:\(signer.publicKey.base64EncodedString())")
            }
        }
    }
}
