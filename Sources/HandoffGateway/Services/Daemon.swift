import Foundation
import HandoffConfig
import HandoffCore
import Logging
import ServiceLifecycle
import UnixSignals

/// `handoff run`: the gateway's long-running services in one `ServiceGroup`.
///
/// A graceful shutdown stops them in the reverse of their order in `services`: the watcher
/// first (nothing new is queued), then the processor, once the jobs in progress are done
/// and recorded.
public struct Daemon: Sendable {
    private let group: ServiceGroup
    private let gateway: Gateway

    /// - Parameter interval: how often the outbox is scanned, and the longest the queue
    ///   naps when no retry is due sooner.
    public init(gateway: Gateway, scanEvery interval: Duration = .seconds(5)) {
        self.init(gateway: gateway, services: Self.services(gateway, interval: interval))
    }

    /// Only the pollers of `mailboxes` (`handoff inbox poll`): requests are filed, and the
    /// acknowledgements they queue wait for `handoff run`.
    public init(gateway: Gateway, onlyMailboxes mailboxes: [MailboxSetting]) {
        let doorbell = Doorbell()
        self.init(gateway: gateway, services: mailboxes.map { InboxPollerService(gateway: gateway, mailbox: $0, doorbell: doorbell) })
    }

    private init(gateway: Gateway, services: [any Service]) {
        self.gateway = gateway
        let configurations = services.map {
            // A service that fails lets the others finish their work in progress.
            ServiceGroupConfiguration.ServiceConfiguration(
                service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        group = ServiceGroup(configuration: ServiceGroupConfiguration(services: configurations, logger: gateway.logger))
    }

    /// The services of `handoff run`, in starting order. A new tenant (the inbox poller, the
    /// link server) is one more line here.
    static func services(_ gateway: Gateway, interval: Duration) -> [any Service] {
        let doorbell = Doorbell()
        let pollers: [any Service] = gateway.config.inbox.mailboxes.map {
            InboxPollerService(gateway: gateway, mailbox: $0, doorbell: doorbell)
        }
        return [
            JobProcessorService(gateway: gateway, interval: interval, doorbell: doorbell),
            OutboxWatcherService(gateway: gateway, interval: interval, doorbell: doorbell),
        ] + pollers
    }

    /// Runs the services until a graceful shutdown has ended each of them, or one failed.
    public func run() async throws(HandoffError) {
        gateway.logger.info("handoff running", metadata: [
            "outbox": "\(gateway.config.gateway.outboxDirectory)", "workers": "\(gateway.config.gateway.workers)",
        ])
        do {
            try await group.run()
        } catch let error as HandoffError {
            throw error
        } catch {
            throw .internal("The gateway's services stopped: \(error)")
        }
        gateway.logger.info("handoff stopped")
    }

    /// Asks every service to finish the work in progress and stop; `run` then returns.
    public func shutDownGracefully() async {
        await group.triggerGracefulShutdown()
    }

    /// Runs until stopped by signal: the first SIGTERM or SIGINT shuts down gracefully, a
    /// second one calls `stopNow` with its number, which must end the process at once.
    /// Stopping mid-job is safe: leases and the store's recovery resume the job on the next
    /// start.
    public func run(untilSignalled stopNow: @escaping @Sendable (_ signal: Int32) -> Never) async throws(HandoffError) {
        // Trapped before the services start, so an early signal is not a kill.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let outcome: Result<Void, HandoffError> = await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask { [gateway] in
                var shuttingDown = false
                for await signal in signals {
                    if shuttingDown { stopNow(signal.rawValue) }
                    shuttingDown = true
                    gateway.logger.info("\(signal): finishing the jobs in progress; a second signal stops at once")
                    await shutDownGracefully()
                }
            }
            // The listener ends when the services have: its loop ends on cancellation.
            defer { tasks.cancelAll() }
            do throws(HandoffError) {
                try await run()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }
}
