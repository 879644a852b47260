import HandoffConfig
import HandoffCore

extension Daemon {
    /// What one pass of each service did, for `handoff run --once` to report.
    public struct OncePass: Sendable {
        public var inbox: [Gateway.MailboxPollReport]
        /// Mailboxes that could not be read, with why; the rest of the pass went on.
        public var inboxFailures: [(mailbox: String, error: HandoffError)]
        public var scan: Gateway.OutboxScan
        public var drain: Gateway.DrainReport
    }

    /// One pass of the services of `handoff run`, one after the other: the outbox watcher
    /// queues what is READY, then the job processor runs every job that is due. The inbox
    /// pollers go first, so the acknowledgements they queue go out in the same pass.
    public static func runOnce(_ gateway: Gateway) async throws(HandoffError) -> OncePass {
        var inbox: [Gateway.MailboxPollReport] = []
        var inboxFailures: [(mailbox: String, error: HandoffError)] = []
        for mailbox in gateway.config.inbox.mailboxes {
            do throws(HandoffError) {
                inbox.append(try await gateway.pollMailbox(mailbox))
            } catch {
                inboxFailures.append((mailbox.name, error))
            }
        }
        let doorbell = Doorbell()
        let scan = try await OutboxWatcherService(gateway: gateway, interval: .zero, doorbell: doorbell).scanOnce()
        let drain = try await JobProcessorService(gateway: gateway, interval: .zero, doorbell: doorbell).drainOnce()
        return OncePass(inbox: inbox, inboxFailures: inboxFailures, scan: scan, drain: drain)
    }
}
