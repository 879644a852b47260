import Foundation
import HandoffCore

/// The durable job queue as a worker sees it, and nothing more: the SQLite store
/// implements it today; a PostgreSQL driver will implement the same, so that several
/// gateways on several machines share one queue.
///
/// A worker claims a due job under a lease and keeps the lease alive while it works; a
/// worker that dies lets its lease run out, and the job is claimed again. Every call that
/// changes a running job names its worker, and does nothing when that worker no longer
/// holds the lease (another one took the job over). The calls are async: a worker waits
/// for the database without holding a thread of the cooperative pool.
public protocol JobQueue: Sendable {
    /// Adds a job, due at `runAt`. The idempotency key makes it safe to call twice: a key
    /// seen before returns the job it queued.
    func enqueue(_ job: NewJob, now: Date) async throws(StoreError) -> JobRecord

    /// The most urgent due job of one of `kinds` (those the caller has handlers for), leased
    /// to `worker`; nil when none is due. Jobs of other kinds stay queued, untouched, for a
    /// gateway that runs them: several versions may share one queue during an upgrade.
    func claimJob(kinds: Set<JobKind>, worker: String, leaseSeconds: Double, now: Date) async throws(StoreError) -> JobRecord?

    /// Extends the lease of a running job. False when `worker` lost it: the caller stops.
    func extendLease(job id: Int64, worker: String, leaseSeconds: Double, now: Date) async throws(StoreError) -> Bool

    /// Marks a job done. False when `worker` no longer held it.
    @discardableResult
    func completeJob(_ id: Int64, worker: String, now: Date) async throws(StoreError) -> Bool

    /// Records a failed attempt: a temporary failure is retried at a backoff time unless it
    /// was the last attempt; a permanent one ends the job.
    @discardableResult
    func failJob(
        _ id: Int64, worker: String, error message: String, permanent: Bool, policy: RetryPolicy, now: Date
    ) async throws(StoreError) -> JobFailureOutcome

    /// Puts a failed, dead or cancelled job back in the queue, due at once, with fresh attempts.
    func retryJob(_ id: Int64, now: Date) async throws(StoreError) -> JobRecord

    /// Cancels a job that has not finished; a running one cannot be cancelled midway.
    func cancelJob(_ id: Int64, now: Date) async throws(StoreError) -> JobRecord
}

/// A job to add to the queue.
public struct NewJob: Sendable, Equatable {
    public var kind: JobKind
    public var handoff: HandoffID?
    public var idempotencyKey: String
    public var maxAttempts: Int
    public var priority: Int
    public var runAt: Date

    public init(kind: JobKind, handoff: HandoffID? = nil, idempotencyKey: String, maxAttempts: Int, priority: Int = 0, runAt: Date) {
        self.kind = kind
        self.handoff = handoff
        self.idempotencyKey = idempotencyKey
        self.maxAttempts = maxAttempts
        self.priority = priority
        self.runAt = runAt
    }
}

/// What became of a failed attempt.
public enum JobFailureOutcome: Sendable, Equatable {
    case retryAt(Date)
    case failed
    case dead
    /// The worker had lost the lease: nothing was changed.
    case notHeld
}
