import HandoffCore
import Logging
import ServiceLifecycle

/// Scans the outbox every `interval`: queues the READY folders and warns, once each, about
/// READY folders under no project's name. Rings the job processor when it queued work.
struct OutboxWatcherService: Service {
    let gateway: Gateway
    let interval: Duration
    let doorbell: Doorbell

    func run() async throws {
        var strays = StrayWarnings()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let scan = try await scanOnce()
            for id in scan.queued {
                gateway.logger.info("queued from outbox", metadata: ["handoff.id": "\(id)"])
            }
            for stray in strays.unwarned(scan.strays) {
                gateway.logger.warning("\(stray.message)", metadata: ["folder": "\(stray.folder)"])
            }
            if !scan.queued.isEmpty { doorbell.ring() }
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                // The nap was cut short by a shutdown; the loop condition ends the watch.
            }
        }
    }

    /// One scan, reported rather than logged (`run --once` prints it).
    func scanOnce() async throws(HandoffError) -> Gateway.OutboxScan {
        try await gateway.scanOutbox()
    }
}
