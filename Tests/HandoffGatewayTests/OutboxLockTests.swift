import HandoffCore
import Synchronization
import Testing
@testable import HandoffGateway

@Suite("The outbox lock is held across suspensions")
struct OutboxLockTests {
    /// How many bodies are inside the lock now, the most there ever were, and how many ran.
    final class Occupancy: Sendable {
        private let state = Mutex((inside: 0, most: 0, ran: 0))

        func enter() { state.withLock { $0.inside += 1; $0.most = max($0.most, $0.inside) } }
        func leave() { state.withLock { $0.inside -= 1; $0.ran += 1 } }
        var most: Int { state.withLock { $0.most } }
        var ran: Int { state.withLock { $0.ran } }
    }

    @Test("bodies that suspend while holding it still run one at a time, and every one runs", .timeLimit(.minutes(1)))
    func oneAtATime() async throws {
        let lock = OutboxLock()
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await lock.withLock { () async throws(HandoffError) in
                        occupancy.enter()
                        // Suspends while holding the lock: the others must wait, not enter.
                        for _ in 0..<5 { await Task.yield() }
                        occupancy.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(occupancy.most == 1)
        #expect(occupancy.ran == 8)
    }

    @Test("a body that throws lets the next one in", .timeLimit(.minutes(1)))
    func throwingReleases() async throws {
        let lock = OutboxLock()
        let error = await #expect(throws: HandoffError.self) {
            try await lock.withLock { () async throws(HandoffError) in throw HandoffError.badInput("refused") }
        }
        #expect(error?.message == "refused")
        #expect(try await lock.withLock { () async throws(HandoffError) in 7 } == 7)
    }
}
