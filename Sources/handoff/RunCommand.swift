import ArgumentParser
import Dispatch
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the outbox and run the delivery queue.",
        discussion: "With --once: queue every READY outbox folder, run every job that is due, print one line per handoff, and exit: 0 when all went out, 65 when a delivery failed for good or a READY folder is under no project's name, 75 when some wait for a retry."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Drain everything once and exit.")
    var once = false

    @Flag(name: .long, help: "With --once, print the handoffs as JSON.")
    var json = false

    func run() async throws {
        if once {
            try await runOnce()
        } else {
            try await runForever()
        }
    }

    func runOnce() async throws {
        let (gateway, ids, receiptJobs, failed) = try await reportingErrors { () throws(HandoffError) in
            let gateway = try global.openGateway(secrets: .required)
            let scan = try gateway.scanOutbox()
            for folder in scan.refused {
                FileHandle.standardError.write(Data("handoff: refused outbox folder, see \(folder)/ERROR.txt\n".utf8))
            }
            for stray in scan.strays {
                FileHandle.standardError.write(Data("handoff: \(stray.message)\n".utf8))
            }
            let report = try await gateway.drain()
            var seen = Set<HandoffID>()
            // Those waiting for a retry are listed too, with when: a run that did nothing
            // because their time has not come is not a run with nothing to deliver.
            let ids = (report.handoffs + report.waiting).filter { seen.insert($0).inserted }
            return (gateway, ids, report.receiptJobs, !scan.refused.isEmpty || !scan.strays.isEmpty)
        }
        var summaries: [HandoffSummary] = []
        for id in ids {
            if let summary = try await reportingErrors({ () throws(HandoffError) in try gateway.summary(of: id) }) {
                summaries.append(summary)
            }
        }
        // Receipts mailed in this run: one line each after the handoffs (text only; --json
        // keeps to the handoffs, as before).
        var receipts: [ReceiptMessageRecord] = []
        for job in receiptJobs {
            if let receipt = try await reportingErrors({ () throws(HandoffError) in try gateway.store.receiptMessage(for: job) }) {
                receipts.append(receipt)
            }
        }
        if json {
            try printJSON(summaries)
        } else if summaries.isEmpty && receipts.isEmpty {
            say("Nothing to deliver.")
        } else {
            for summary in summaries { say(summary.line) }
            for receipt in receipts { say(Self.line(for: receipt)) }
        }
        let anyFailed = failed || receipts.contains { $0.status != .sent } || summaries.contains {
            $0.status == HandoffStatus.failed.rawValue || $0.status == HandoffStatus.possiblySent.rawValue
                || $0.status == HandoffStatus.partiallySent.rawValue
        }
        if anyFailed { throw ExitCode(HandoffError.Kind.badInput.exitCode) }
        // Nothing failed for good, but some deliveries wait for a retry: not done yet.
        if summaries.contains(where: { $0.retryAt != nil }) { throw ExitCode(HandoffError.Kind.temporary.exitCode) }
    }

    /// `RC-5CMVRNRS1E  acme  receipt sent  → client@acme.test  (250 2.0.0 Ok: queued as …)`
    static func line(for receipt: ReceiptMessageRecord) -> String {
        let to = ((try? receipt.decodedRecipients())?.all ?? []).map(\.address).joined(separator: ", ")
        var parts = [receipt.id, receipt.projectId, "receipt \(receipt.status)", "→ \(to)"]
        if let reply = receipt.serverReply { parts.append("(\(reply))") }
        return parts.joined(separator: "  ")
    }

    func runForever() async throws {
        let gateway = try await reportingErrors { () throws(HandoffError) in
            try global.openGateway(secrets: .required, defaultLogLevel: .info)
        }
        let task = Task { () async -> Result<Void, HandoffError> in
            do throws(HandoffError) {
                try await gateway.runDaemon()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        // SIGTERM and SIGINT cancel the loop; the job in progress finishes first.
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { task.cancel() }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        let result = await task.value
        try await reportingErrors { () throws(HandoffError) in try result.get() }
    }
}
