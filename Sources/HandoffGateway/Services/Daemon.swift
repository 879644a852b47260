import HandoffStore
import HandoffConfig
import Foundation
import Logging
import HandoffCore

extension Gateway {
    /// The daemon loop: scan the outbox, run due jobs, sleep until the next job is due or
    /// the next outbox scan. Returns when its task is cancelled (SIGTERM/SIGINT), after the
    /// job in progress has finished: a send is never cut off halfway on purpose.
    public func runDaemon(scanEvery interval: Double = 5) async throws(HandoffError) {
        logger.info("handoff running", metadata: ["outbox": "\(config.gateway.outboxDirectory)", "workers": "\(config.gateway.workers)"])
        var strays = StrayWarnings()
        while !Task.isCancelled {
            let scan = try scanOutbox()
            for id in scan.queued { logger.info("queued from outbox", metadata: ["handoff.id": "\(id)"]) }
            for stray in strays.unwarned(scan.strays) {
                logger.warning("\(stray.message)", metadata: ["folder": "\(stray.folder)"])
            }
            _ = try await drain()
            var wait = interval
            if let next = try store.nextWakeUp() {
                wait = min(interval, max(0.2, next.timeIntervalSinceNow))
            }
            do {
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            } catch {
                break
            }
        }
        logger.info("handoff stopped")
    }
}
