import ArgumentParser
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
        discussion: """
            Runs until SIGTERM or SIGINT: then no new job is started, the sends in progress finish and are recorded, and the exit status is 0. A second signal stops at once (the job in progress resumes on the next start).

            With --once: queue every READY outbox folder, run every job that is due, print one line per handoff, and exit: 0 when all went out, 65 when a delivery failed for good or a READY folder is under no project's name, 75 when some wait for a retry.
            """
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
        let (gateway, pass, ids, receiptJobs, failed) = try await reportingErrors { () throws(HandoffError) in
            let gateway = try global.openGateway(secrets: .required)
            let pass = try await Daemon.runOnce(gateway)
            let (scan, report) = (pass.scan, pass.drain)
            for failure in pass.inboxFailures {
                Console.current.write("handoff: mailbox \(failure.mailbox): \(TerminalText.escaped(failure.error.message))\n", to: .error)
            }
            for folder in scan.refused {
                Console.current.write("handoff: refused outbox folder, see \(folder)/ERROR.txt\n", to: .error)
            }
            for stray in scan.strays {
                Console.current.write("handoff: \(stray.message)\n", to: .error)
            }
            var seen = Set<HandoffID>()
            // Those waiting for a retry are listed too, with when: a run that did nothing
            // because their time has not come is not a run with nothing to deliver.
            let ids = (report.handoffs + report.waiting).filter { seen.insert($0).inserted }
            return (gateway, pass, ids, report.receiptJobs, !scan.refused.isEmpty || !scan.strays.isEmpty)
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
        let mail = pass.inbox.filter { $0.fetched > 0 }.map { MailboxPollView($0, seconds: 0) }
        if json {
            try printJSON(summaries)
        } else if summaries.isEmpty && receipts.isEmpty {
            for mailbox in mail { say(mailbox.line) }
            say("Nothing to deliver.")
        } else {
            for mailbox in mail { say(mailbox.line) }
            for summary in summaries { say(summary.line) }
            for receipt in receipts { say(Self.line(for: receipt)) }
        }
        let anyFailed = failed || receipts.contains { $0.status != .sent } || summaries.contains {
            $0.status == HandoffStatus.failed.rawValue || $0.status == HandoffStatus.possiblySent.rawValue
                || $0.status == HandoffStatus.partiallySent.rawValue
        }
        if anyFailed { throw ExitCode(HandoffError.Kind.badInput.exitCode) }
        // Nothing failed for good, but some deliveries wait for a retry: not done yet.
        // …or a mailbox could not be read: the next run tries it again.
        if summaries.contains(where: { $0.retryAt != nil }) || !pass.inboxFailures.isEmpty {
            throw ExitCode(HandoffError.Kind.temporary.exitCode)
        }
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
        let daemon = Daemon(gateway: gateway)
        try await reportingErrors { () async throws(HandoffError) in
            try await daemon.run(untilSignalled: Self.stopNow)
        }
    }

    /// A second SIGTERM or SIGINT: the user does not want to wait for the send in progress.
    /// Exits without unwinding (the store survives a stop at any point, as after a crash)
    /// with the shell's status for "ended by this signal".
    @Sendable static func stopNow(_ signal: Int32) -> Never {
        Console.current.write("handoff: stopped at once; the job in progress resumes on the next start\n", to: .error)
        _exit(128 + signal)
    }
}
