import ArgumentParser
import Foundation
import HandoffConfig
import HandoffCore
import HandoffGateway
import HandoffStore

struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "See and steer the delivery queue.",
        subcommands: [List.self, Retry.self, Cancel.self],
        defaultSubcommand: List.self
    )

    /// A job as `queue list` shows it.
    struct JobView: Codable {
        var id: Int64
        var kind: String
        var state: String
        var handoff: String?
        /// For a receipt mail job, the receipt it sends.
        var receipt: String?
        var project: String?
        var attempts: Int
        var maxAttempts: Int
        var runAt: Date
        var lastError: String?
        var handoffStatus: String?

        init(job: JobRecord, handoff: HandoffRecord?, receipt: ReceiptMessageRecord?) {
            id = job.id ?? 0
            kind = job.kind.rawValue
            state = job.state.rawValue
            self.handoff = job.handoffId
            self.receipt = receipt?.id
            project = handoff?.projectId ?? receipt?.projectId
            attempts = job.attempts
            maxAttempts = job.maxAttempts
            runAt = job.runAt
            lastError = job.lastError
            handoffStatus = handoff?.status.rawValue
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs, newest first.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only jobs in this state (queued, running, succeeded, failed, dead, cancelled); repeatable.")
        var state: [String] = []

        @Option(name: .long, help: "At most this many jobs.")
        var limit = 50

        @Flag(name: .long, help: "Print one JSON document.")
        var json = false

        func validate() throws {
            for value in state where JobState(rawValue: value) == nil {
                throw ValidationError("'\(value)' is not a job state; use one of: \(JobState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            let views = try await reportingErrors { () throws(HandoffError) in
                let gateway = try global.openGateway(secrets: .deferred)
                let states = state.isEmpty ? nil : state.compactMap(JobState.init(rawValue:))
                return try gateway.store.jobs(states: states, limit: limit).map { job throws(HandoffError) in
                    JobView(
                        job: job, handoff: try job.handoffId.flatMap { id throws(HandoffError) in try gateway.store.handoff(HandoffID(rawValue: id)) },
                        receipt: job.kind == .receipt ? try gateway.store.receiptMessage(for: job) : nil)
                }
            }
            if json {
                try printJSON(views)
                return
            }
            if views.isEmpty {
                say("The queue is empty.")
                return
            }
            let formatter = ISO8601DateFormatter()
            for view in views {
                var line = "\(view.id)  \(view.state.padding(toLength: 9, withPad: " ", startingAt: 0))  \(view.handoff ?? view.receipt ?? "-")  \(view.project ?? "-")  attempt \(view.attempts)/\(view.maxAttempts)"
                if view.state == JobState.queued.rawValue { line += "  due \(formatter.string(from: view.runAt))" }
                if let error = view.lastError, view.state != JobState.succeeded.rawValue { line += "  — \(error)" }
                say(line)
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed, dead or cancelled job again, with fresh attempts.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The job id (from `handoff queue list`).")
        var id: Int64

        func run() async throws {
            let outcome = try await reportingErrors { () throws(HandoffError) in
                try global.openGateway(secrets: .deferred).retry(job: id)
            }
            let job = outcome.job
            say("job \(job.id ?? id) queued again\(job.handoffId.map { " (handoff \($0))" } ?? "")")
            if let folder = outcome.restoredFolder { say("its folder is back at \(folder)") }
            if let problem = outcome.restoreProblem { Console.current.write("handoff: \(problem)\n", to: .error) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a job that has not finished.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The job id (from `handoff queue list`).")
        var id: Int64

        func run() async throws {
            let job = try await reportingErrors { () async throws(HandoffError) in
                let gateway = try global.openGateway(secrets: .deferred)
                let job: JobRecord
                do throws(StoreError) { job = try await gateway.store.cancelJob(id) } catch { throw HandoffError(worded: error) }
                if let handoff = job.handoffId, let record = try await gateway.store.handoff(HandoffID(rawValue: handoff)) {
                    try await gateway.finishOutboxFolder(record)
                }
                return job
            }
            say("job \(job.id ?? id) cancelled\(job.handoffId.map { " (handoff \($0))" } ?? "")")
        }
    }
}
