import Foundation
import GRDB
import HandoffCore
import Testing
@testable import HandoffStore

@Suite("Job queue")
struct JobQueueTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = RetryPolicy(maxAttempts: 3, baseSeconds: 10, capSeconds: 60)
    /// The kinds a gateway with the standard handlers claims.
    let kinds: Set<JobKind> = [.deliver, .receipt, .acknowledge]

    @Test("queuing writes the handoff, its job and a 'queued' ledger event together")
    func queueWritesAllThree() throws {
        let temp = try TemporaryStore()
        let outcome = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: start)
        guard case .queued(let record) = outcome else { Issue.record("expected a new handoff"); return }
        #expect(record.status == .queued)
        let job = try #require(try temp.store.job(forHandoff: record.handoffID))
        #expect(job.state == .queued)
        #expect(job.maxAttempts == 3)
        let events = try temp.store.ledgerEvents(handoff: record.handoffID)
        #expect(events.map(\.kind) == ["queued"])
    }

    @Test("the same idempotency key never queues a second handoff")
    func idempotencyKey() throws {
        let temp = try TemporaryStore()
        let first = try temp.store.queueDelivery(try temp.request(key: "outbox:acme/report:1"), maxAttempts: 3)
        let second = try temp.store.queueDelivery(try temp.request(key: "outbox:acme/report:1"), maxAttempts: 3)
        guard case .existing(let again) = second else { Issue.record("expected the existing handoff"); return }
        #expect(again.id == first.record.id)
        #expect(try temp.store.jobs().count == 1)
    }

    @Test("a claimed job is leased to one worker; nothing else is due")
    func claimLeases() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: start)
        let job = try #require(try temp.store.claimJob(kinds: kinds, worker: "w1", leaseSeconds: 60, now: start))
        #expect(job.state == .running)
        #expect(job.attempts == 1)
        #expect(job.leaseOwner == "w1")
        #expect(try temp.store.claimJob(kinds: kinds, worker: "w2", leaseSeconds: 60, now: start.addingTimeInterval(30)) == nil)
        #expect(try temp.store.completeJob(job.id!, worker: "w1", now: start))
        #expect(try temp.store.job(job.id!)?.state == .succeeded)
    }

    @Test("a job whose worker died is claimed again once its lease expires")
    func leaseExpiry() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: start)
        let first = try #require(try temp.store.claimJob(kinds: kinds, worker: "dead", leaseSeconds: 60, now: start))
        #expect(try temp.store.claimJob(kinds: kinds, worker: "w2", leaseSeconds: 60, now: start.addingTimeInterval(59)) == nil)
        let again = try #require(try temp.store.claimJob(kinds: kinds, worker: "w2", leaseSeconds: 60, now: start.addingTimeInterval(61)))
        #expect(again.id == first.id)
        #expect(again.attempts == 2)
        #expect(again.leaseOwner == "w2")
        // The dead worker's late completion must not clobber the new owner's run.
        #expect(try temp.store.completeJob(first.id!, worker: "dead") == false)
        #expect(try temp.store.job(first.id!)?.state == .running)
    }

    @Test("expireLeases hands a dead local worker's job back at once")
    func expireLeasesOfDeadOwner() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: start)
        _ = try #require(try temp.store.claimJob(kinds: kinds, worker: "gone", leaseSeconds: 3600, now: start))
        try temp.store.expireLeases(ownedBy: ["gone"], now: start.addingTimeInterval(1))
        let again = try #require(try temp.store.claimJob(kinds: kinds, worker: "w2", leaseSeconds: 60, now: start.addingTimeInterval(2)))
        #expect(again.attempts == 2)
    }

    @Test("temporary failures back off exponentially within [delay/2, delay], then the job is dead")
    func backoffThenDead() throws {
        let temp = try TemporaryStore()
        let queued = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: start)
        var now = start
        for attempt in 1...2 {
            let job = try #require(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: now))
            #expect(job.attempts == attempt)
            let outcome = try temp.store.failJob(job.id!, worker: "w", error: "421 try later", permanent: false, policy: policy, now: now)
            guard case .retryAt(let due) = outcome else { Issue.record("attempt \(attempt) should be retried"); return }
            let ceiling = policy.ceiling(afterAttempt: attempt)
            let wait = due.timeIntervalSince(now)
            #expect(wait >= ceiling / 2 - 0.001 && wait <= ceiling + 0.001, "attempt \(attempt) waited \(wait)s, ceiling \(ceiling)s")
            // Not due before its time.
            #expect(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: due.addingTimeInterval(-0.5)) == nil)
            now = due
        }
        let last = try #require(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: now))
        #expect(last.attempts == 3)
        let outcome = try temp.store.failJob(last.id!, worker: "w", error: "421 try later", permanent: false, policy: policy, now: now)
        #expect(outcome == .dead)
        let handoff = try #require(try temp.store.handoff(queued.record.handoffID))
        #expect(handoff.status == .failed)
        #expect(handoff.lastError?.contains("gave up after 3 attempts") == true)
        let kinds = try temp.store.ledgerEvents(handoff: queued.record.handoffID).map(\.kind)
        #expect(kinds == ["queued", "retrying", "retrying", "failed"])
    }

    @Test("the backoff ceiling doubles and stops at the cap")
    func backoffCeiling() {
        let policy = RetryPolicy(maxAttempts: 10, baseSeconds: 30, capSeconds: 3600)
        #expect((1...9).map { policy.ceiling(afterAttempt: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(policy.delay(afterAttempt: 10) == nil)
    }

    @Test("a permanent failure ends the job at once")
    func permanentFailure() throws {
        let temp = try TemporaryStore()
        let queued = try temp.store.queueDelivery(try temp.request(), maxAttempts: 5, now: start)
        let job = try #require(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start))
        let outcome = try temp.store.failJob(job.id!, worker: "w", error: "550 no such mailbox", permanent: true, policy: policy, now: start)
        #expect(outcome == .failed)
        #expect(try temp.store.job(job.id!)?.state == .failed)
        #expect(try temp.store.handoff(queued.record.handoffID)?.lastError == "550 no such mailbox")
    }

    @Test("retry puts a failed job back with fresh attempts; cancel stops a queued one")
    func retryAndCancel() throws {
        let temp = try TemporaryStore()
        let queued = try temp.store.queueDelivery(try temp.request(), maxAttempts: 2, now: start)
        let job = try #require(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start))
        _ = try temp.store.failJob(job.id!, worker: "w", error: "refused", permanent: true, policy: policy, now: start)
        let retried = try temp.store.retryJob(job.id!, now: start)
        #expect(retried.state == .queued)
        #expect(retried.attempts == 0)
        #expect(try temp.store.handoff(queued.record.handoffID)?.status == .queued)
        let cancelled = try temp.store.cancelJob(job.id!, now: start)
        #expect(cancelled.state == .cancelled)
        #expect(try temp.store.handoff(queued.record.handoffID)?.status == .cancelled)
        let again = #expect(throws: StoreError.self) { try temp.store.cancelJob(job.id!) }
        #expect(again?.reason == .jobFinished)
        #expect(again?.message == "Job \(job.id!) is already cancelled; nothing to cancel.")
        let missing = #expect(throws: StoreError.self) { try temp.store.retryJob(999) }
        #expect(missing?.reason == .noSuchJob)
        #expect(missing?.job == 999)
    }

    @Test("a running job cannot be cancelled midway")
    func cancelRunning() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.queueDelivery(try temp.request(), maxAttempts: 2, now: start)
        let job = try #require(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start))
        let error = try #require(throws: StoreError.self) { try temp.store.cancelJob(job.id!) }
        #expect(error.reason == .jobRunning)
        #expect(error.kind == .temporary)
    }

    @Test("higher priority and older jobs are claimed first")
    func claimOrder() throws {
        let temp = try TemporaryStore()
        let first = try temp.store.queueDelivery(try temp.request(), maxAttempts: 2, now: start)
        let second = try temp.store.queueDelivery(try temp.request(), maxAttempts: 2, now: start.addingTimeInterval(1))
        try temp.store.pool.write { db in
            try db.execute(sql: "UPDATE job SET priority = 5 WHERE handoffId = ?", arguments: [second.record.id])
        }
        let claimed = try #require(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start.addingTimeInterval(2)))
        #expect(claimed.handoffId == second.record.id)
        let next = try #require(try temp.store.claimJob(kinds: kinds, worker: "w", leaseSeconds: 60, now: start.addingTimeInterval(2)))
        #expect(next.handoffId == first.record.id)
    }
}
