import Foundation
import HandoffCore
import HandoffStore
import Logging
import ServiceLifecycle

/// Runs the queue: drains every job that is due with the configured number of workers,
/// then naps until the next retry is due, the outbox watcher rings, or `interval` passes.
///
/// On graceful shutdown the workers claim no new job; the jobs in progress run to their
/// end and are recorded (a send is never cut off halfway on purpose), then `run` returns.
struct JobProcessorService: Service {
    let gateway: Gateway
    /// The longest nap: jobs queued by another process (`handoff deliver`) wait no longer.
    let interval: Duration
    let doorbell: Doorbell

    func run() async throws {
        try await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                _ = try await drainOnce()
                await doorbell.wait(upTo: try await nap())
            }
        } onGracefulShutdown: { [doorbell] in
            doorbell.ring()
        }
    }

    /// Runs every job that is due now; returns when none is left.
    func drainOnce() async throws(HandoffError) -> Gateway.DrainReport {
        try await gateway.drain()
    }

    /// Until the next job is due, at most `interval`; a fifth of a second at least, so a
    /// job whose time has just come is not polled for in a tight loop.
    private func nap() async throws(HandoffError) -> Duration {
        guard let next = try await gateway.store.nextWakeUp() else { return interval }
        let seconds = max(0.2, next.timeIntervalSince(gateway.now()))
        return min(interval, .milliseconds(Int(seconds * 1000)))
    }
}
