import HandoffCore

extension Daemon {
    /// What one pass of each service did, for `handoff run --once` to report.
    public struct OncePass: Sendable {
        public var scan: Gateway.OutboxScan
        public var drain: Gateway.DrainReport
    }

    /// One pass of the services of `handoff run`, one after the other: the outbox watcher
    /// queues what is READY, then the job processor runs every job that is due.
    public static func runOnce(_ gateway: Gateway) async throws(HandoffError) -> OncePass {
        let doorbell = Doorbell()
        let scan = try OutboxWatcherService(gateway: gateway, interval: .zero, doorbell: doorbell).scanOnce()
        let drain = try await JobProcessorService(gateway: gateway, interval: .zero, doorbell: doorbell).drainOnce()
        return OncePass(scan: scan, drain: drain)
    }
}
