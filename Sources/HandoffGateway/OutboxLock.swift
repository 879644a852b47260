import HandoffCore
import Synchronization

/// Serialises one process's work on outbox folders. Under `handoff run` the outbox watcher
/// scans while workers move the folders of finished handoffs: without this, a folder that
/// both found in place would be moved by one and fail the other's move.
///
/// The work under the lock reads the store, so the lock is held across suspensions: a
/// waiter suspends (its thread goes back to the cooperative pool) instead of blocking on
/// a mutex. Waiters are let in in the order they came.
final class OutboxLock: Sendable {
    private struct State {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func withLock<T: Sendable>(_ body: () async throws(HandoffError) -> T) async throws(HandoffError) -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state in
                if state.held {
                    state.waiters.append(continuation)
                    return false
                }
                state.held = true
                return true
            }
            if free { continuation.resume() }
        }
    }

    /// Hands the lock to the first waiter (it stays held), or frees it when nobody waits.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
