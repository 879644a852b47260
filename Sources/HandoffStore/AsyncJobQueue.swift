import Foundation
import GRDB
import HandoffCore

/// The queue for workers: each call runs its transaction through GRDB's async access, on
/// GRDB's own writer queue, so a worker waiting for the database (the busy timeout while
/// a CLI command writes) does not hold one of the few threads of the cooperative pool.
extension HandoffStore: JobQueue {
    public func enqueue(_ new: NewJob, now: Date = Date()) async throws(StoreError) -> JobRecord {
        try await writing("queue a job", Self.enqueueing(new, now: now))
    }

    public func claimJob(kinds: Set<JobKind>, worker: String, leaseSeconds: Double, now: Date = Date()) async throws(StoreError) -> JobRecord? {
        try await writing("claim a job", Self.claiming(kinds: kinds, worker: worker, leaseSeconds: leaseSeconds, now: now))
    }

    public func extendLease(job id: Int64, worker: String, leaseSeconds: Double, now: Date = Date()) async throws(StoreError) -> Bool {
        try await writing("extend a job lease", Self.extending(job: id, worker: worker, leaseSeconds: leaseSeconds, now: now))
    }

    @discardableResult
    public func completeJob(_ id: Int64, worker: String, now: Date = Date()) async throws(StoreError) -> Bool {
        try await writing("complete a job", Self.completing(id, worker: worker, now: now))
    }

    @discardableResult
    public func failJob(
        _ id: Int64, worker: String, error message: String, permanent: Bool, policy: RetryPolicy,
        now: Date = Date()
    ) async throws(StoreError) -> JobFailureOutcome {
        try await writing("record a failed job", Self.failing(id, worker: worker, error: message, permanent: permanent, policy: policy, now: now))
    }

    public func retryJob(_ id: Int64, now: Date = Date()) async throws(StoreError) -> JobRecord {
        try await writing("retry a job", Self.retrying(id, now: now))
    }

    public func cancelJob(_ id: Int64, now: Date = Date()) async throws(StoreError) -> JobRecord {
        try await writing("cancel a job", Self.cancelling(id, now: now))
    }
}
