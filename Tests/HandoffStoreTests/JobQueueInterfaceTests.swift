import Foundation
import HandoffCore
import Testing
@testable import HandoffStore

/// The same queue through the narrow interface a PostgreSQL driver will implement too.
extension JobQueueTests {
    @Test("enqueue, claim, heartbeat, fail with a retry time, claim again, complete")
    func lifecycle() throws {
        let temp = try TemporaryStore()
        let queue: any JobQueue = temp.store
        let new = NewJob(kind: .receipt, idempotencyKey: "receipt:r-1", maxAttempts: 2, runAt: start)
        let job = try queue.enqueue(new, now: start)
        #expect(try queue.enqueue(new, now: start).id == job.id)
        let id = try #require(job.id)

        #expect(try queue.claimJob(worker: "w", leaseSeconds: 60, now: start.addingTimeInterval(-1)) == nil)
        #expect(try queue.claimJob(worker: "w", leaseSeconds: 60, now: start)?.id == id)
        #expect(try queue.extendLease(job: id, worker: "w", leaseSeconds: 60, now: start))
        #expect(try queue.extendLease(job: id, worker: "other", leaseSeconds: 60, now: start) == false)

        let outcome = try queue.failJob(id, worker: "w", error: "421 try later", permanent: false, policy: policy, now: start)
        guard case .retryAt(let due) = outcome else { Issue.record("expected a retry, got \(outcome)"); return }
        #expect(try queue.claimJob(worker: "w", leaseSeconds: 60, now: due.addingTimeInterval(-1)) == nil)
        #expect(try queue.claimJob(worker: "w", leaseSeconds: 60, now: due)?.attempts == 2)
        #expect(try queue.completeJob(id, worker: "other", now: due) == false)
        #expect(try queue.completeJob(id, worker: "w", now: due))
        #expect(try temp.store.job(id)?.state == .succeeded)
    }

    @Test("cancel, then retry, through the interface")
    func cancelAndRetry() throws {
        let temp = try TemporaryStore()
        let queue: any JobQueue = temp.store
        let id = try #require(try queue.enqueue(NewJob(kind: .receipt, idempotencyKey: "receipt:r-2", maxAttempts: 2, runAt: start), now: start).id)
        #expect(try queue.cancelJob(id, now: start).state == .cancelled)
        #expect(try queue.retryJob(id, now: start).state == .queued)
        #expect(try queue.claimJob(worker: "w", leaseSeconds: 60, now: start)?.id == id)
    }
}
