import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import Logging

struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Read client requests from the configured mailboxes.",
        subcommands: [Poll.self],
        defaultSubcommand: Poll.self
    )

    struct Poll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch new mail and file it as requests.",
            discussion: """
                Reads every mailbox in [inbox] (or only --mailbox NAME): new mail becomes requests under the project its sender belongs to (see `handoff requests list`), replies join their request, bounces and read receipts go to the ledger of the handoff they concern. Mail is flagged \\Seen (or moved to processed_folder) once stored; nothing is deleted.

                With --once: one poll of each mailbox, one line each, then exit: 0, 75 when a mailbox could not be reached (the next poll tries again), 78 when its settings are wrong (a Maildir that is not there, a folder the server does not have). Without: keep polling (IDLE where the server offers it) until SIGTERM or SIGINT.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Flag(name: .long, help: "Poll each mailbox once and exit.")
        var once = false

        @Option(name: .long, help: "Only this mailbox (its `name` in [[inbox.mailbox]]).")
        var mailbox: String?

        @Flag(name: .long, help: "With --once, print one JSON document.")
        var json = false

        func run() async throws {
            let gateway = try await reportingErrors { () throws(HandoffError) in
                try global.openGateway(secrets: .required, defaultLogLevel: once ? .warning : .info)
            }
            let mailboxes = try await reportingErrors { () throws(HandoffError) in try selected(gateway.config.inbox) }
            if once {
                try await pollOnce(gateway, mailboxes)
            } else {
                let daemon = Daemon(gateway: gateway, onlyMailboxes: mailboxes)
                try await reportingErrors { () async throws(HandoffError) in
                    try await daemon.run(untilSignalled: RunCommand.stopNow)
                }
            }
        }

        private func selected(_ inbox: InboxSettings) throws(HandoffError) -> [MailboxSetting] {
            guard let mailbox else { return inbox.mailboxes }
            guard let found = inbox.mailboxes.first(where: { $0.name == mailbox }) else {
                let names = inbox.mailboxes.map(\.name).joined(separator: ", ")
                throw .usage("There is no mailbox '\(mailbox)' in [inbox] (mailboxes: \(names)).")
            }
            return [found]
        }

        private func pollOnce(_ gateway: Gateway, _ mailboxes: [MailboxSetting]) async throws {
            var reports: [MailboxPollView] = []
            var failures: [HandoffError.Kind] = []
            for mailbox in mailboxes {
                let progress = InboxProgress(mailbox: mailbox.name)
                let start = Date()
                let callback: (@Sendable (Gateway.MailboxPollReport) -> Void)? = progress.map { line in { @Sendable report in line.update(report) } }
                do throws(HandoffError) {
                    let report = try await gateway.pollMailbox(mailbox, progress: callback)
                    progress?.finish()
                    reports.append(MailboxPollView(report, seconds: Date().timeIntervalSince(start)))
                } catch {
                    progress?.finish()
                    failures.append(error.kind)
                    Console.current.write("handoff: mailbox \(mailbox.name): \(TerminalText.escaped(error.message))\n", to: .error)
                    reports.append(MailboxPollView(failed: mailbox.name, error: error.message))
                }
            }
            if json {
                try printJSON(reports)
            } else {
                for report in reports where report.error == nil { say(report.line) }
            }
            // A setting to fix (78) outranks a server that could not be reached (75: the
            // next poll tries again).
            if !failures.isEmpty {
                let kind: HandoffError.Kind = failures.contains(.config) ? .config : failures.allSatisfy { $0 == .temporary || $0 == .unavailable } ? .temporary : failures[0]
                throw ExitCode(kind.exitCode)
            }
        }
    }
}

/// One mailbox's poll as `inbox poll --once` prints it.
struct MailboxPollView: Codable {
    var mailbox: String
    var fetched = 0
    var newRequests: [String] = []
    var joined: [String] = []
    var reports = 0
    var ignored = 0
    var bytes: Int64 = 0
    var seconds = 0.0
    var rescanned = false
    var error: String?

    init(_ report: Gateway.MailboxPollReport, seconds: Double) {
        mailbox = report.mailbox
        fetched = report.fetched
        newRequests = report.requests.map(\.rawValue)
        joined = report.joined.map(\.rawValue)
        reports = report.reports
        ignored = report.ignored
        bytes = report.bytes
        self.seconds = seconds
        rescanned = report.rescanned
    }

    init(failed mailbox: String, error: String) {
        self.mailbox = mailbox
        self.error = error
    }

    var line: String {
        var parts = ["\(mailbox): \(fetched) fetched"]
        if !newRequests.isEmpty { parts.append("\(newRequests.count) new request\(newRequests.count == 1 ? "" : "s") (\(Self.list(newRequests)))") }
        if !joined.isEmpty { parts.append("replies to \(Self.list(Array(Set(joined)).sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }))") }
        if reports > 0 { parts.append("\(reports) bounce or read report\(reports == 1 ? "" : "s")") }
        if ignored > 0 { parts.append("\(ignored) already stored") }
        if rescanned { parts.append("UIDVALIDITY changed: read again") }
        if fetched > 0, seconds > 0 { parts.append(String(format: "%.0f messages/s", Double(fetched) / seconds)) }
        return parts.joined(separator: ", ")
    }

    /// `R-1, R-2, R-3`, or `R-1 … R-1000` for long lists: a terminal line, not a report
    /// (`--json` lists every id).
    private static func list(_ ids: [String]) -> String {
        guard ids.count > 6, let first = ids.first, let last = ids.last else { return ids.joined(separator: ", ") }
        return "\(first) … \(last)"
    }
}

/// `inbox: 120 fetched, 118 stored, 640/s`, redrawn on standard error when it is a terminal.
struct InboxProgress: Sendable {
    private let line: ProgressLine
    private let start = Date()

    init?(mailbox: String) {
        guard let line = ProgressLine(label: mailbox + ":") else { return nil }
        self.line = line
    }

    func update(_ report: Gateway.MailboxPollReport) {
        let rate = Double(report.fetched) / max(0.001, Date().timeIntervalSince(start))
        let stored = report.requests.count + report.joined.count + report.reports
        line.update(status: "\(report.fetched) fetched, \(stored) stored, \(Int(rate))/s")
    }

    func finish() {
        line.finish()
    }
}
