import Foundation
import HandoffCore
import Testing
@testable import HandoffStore

/// The same queue through the narrow interface a PostgreSQL driver will implement too.
extension JobQueueTests {
    @Test("enqueue, claim, heartbeat, fail with a retry time, claim again, complete")
    func lifecycle() async throws {
        let temp = try TemporaryStore()
        let queue: any JobQueue = temp.store
        let new = NewJob(kind: .receipt, idempotencyKey: "receipt:r-1", maxAttempts: 2, runAt: start)
        let job = try await queue.enqueue(new, now: start)
        #expect(try await queue.enqueue(new, now: start).id == job.id)
        let id = try #require(job.id)

        #expect(try await queue.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start.addingTimeInterval(-1)) == nil)
        #expect(try await queue.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start)?.id == id)
        #expect(try await queue.extendLease(job: id, worker: "w", leaseSeconds: 60, now: start))
        #expect(try await queue.extendLease(job: id, worker: "other", leaseSeconds: 60, now: start) == false)

        let outcome = try await queue.failJob(id, worker: "w", error: "421 try later", permanent: false, policy: policy, now: start)
        guard case .retryAt(let due) = outcome else { Issue.record("expected a retry, got \(outcome)"); return }
        #expect(try await queue.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: due.addingTimeInterval(-1)) == nil)
        #expect(try await queue.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: due)?.attempts == 2)
        #expect(try await queue.completeJob(id, worker: "other", now: due) == false)
        #expect(try await queue.completeJob(id, worker: "w", now: due))
        #expect(try temp.store.job(id)?.state == .succeeded)
    }

    @Test("cancel, then retry, through the interface")
    func cancelAndRetry() async throws {
        let temp = try TemporaryStore()
        let queue: any JobQueue = temp.store
        let id = try #require(try await queue.enqueue(NewJob(kind: .receipt, idempotencyKey: "receipt:r-2", maxAttempts: 2, runAt: start), now: start).id)
        #expect(try await queue.cancelJob(id, now: start).state == .cancelled)
        #expect(try await queue.retryJob(id, now: start).state == .queued)
        #expect(try await queue.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start)?.id == id)
    }
}
