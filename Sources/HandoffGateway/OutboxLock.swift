import HandoffCore
import Synchronization

/// Serialises one process's work on outbox folders. Under `handoff run` the outbox watcher
/// scans while workers move the folders of finished handoffs: without this, a folder that
/// both found in place would be moved by one and fail the other's move.
final class OutboxLock: Sendable {
    private let mutex = Mutex(())

    func withLock<T: Sendable>(_ body: () throws(HandoffError) -> T) throws(HandoffError) -> T {
        try mutex.withLock { _ throws(HandoffError) -> T in try body() }
    }
}
