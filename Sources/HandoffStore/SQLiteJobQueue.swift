import Foundation
import GRDB
import HandoffCore

/// The durable job queue. A worker claims a due job under a lease; if the worker dies the
/// lease expires and the job is claimed again. Failures are retried with bounded
/// exponential backoff; a permanent failure or the last attempt ends the job and its
/// handoff, with a ledger event, in the same transaction.
extension HandoffStore {
    public func enqueue(_ new: NewJob, now: Date = Date()) throws(StoreError) -> JobRecord {
        try writing("queue a job", Self.enqueueing(new, now: now))
    }

    static func enqueueing(_ new: NewJob, now: Date) -> @Sendable (Database) throws -> JobRecord {
        { db in try Self.enqueue(db, new, now: now) }
    }

    /// Inserts a job inside a caller's transaction (a delivery queues its handoff and its job together).
    static func enqueue(_ db: Database, _ new: NewJob, now: Date) throws -> JobRecord {
        if let existing = try JobRecord.find(db, idempotencyKey: new.idempotencyKey) { return existing }
        var job = JobRecord(
            id: nil, kind: new.kind, handoffId: new.handoff?.rawValue, state: .queued, priority: new.priority,
            runAt: new.runAt, attempts: 0, maxAttempts: new.maxAttempts, leaseOwner: nil, leaseExpiresAt: nil,
            lastError: nil, idempotencyKey: new.idempotencyKey, createdAt: now, updatedAt: now)
        try job.insert(db)
        return job
    }

    /// Claims the most urgent due job of `kinds` for `worker`, first putting back jobs of
    /// those kinds whose lease expired (their worker died). Returns nil when nothing is due.
    public func claimJob(kinds: Set<JobKind>, worker: String, leaseSeconds: Double, now: Date = Date()) throws(StoreError) -> JobRecord? {
        try writing("claim a job", Self.claiming(kinds: kinds, worker: worker, leaseSeconds: leaseSeconds, now: now))
    }

    static func claiming(kinds: Set<JobKind>, worker: String, leaseSeconds: Double, now: Date) -> @Sendable (Database) throws -> JobRecord? {
        { db in
            try Self.recoverExpiredLeases(db, kinds: kinds, now: now)
            guard var job = try JobRecord.nextDue(db, kinds: kinds, now: now) else { return nil }
            job.state = JobState.running
            job.attempts += 1
            job.leaseOwner = worker
            job.leaseExpiresAt = now.addingTimeInterval(leaseSeconds)
            job.updatedAt = now
            try job.update(db)
            return job
        }
    }

    /// A running job whose lease ran out was abandoned: its attempt counts, and it runs
    /// again unless that was the last one.
    static func recoverExpiredLeases(_ db: Database, kinds: Set<JobKind>, now: Date) throws {
        let expired = try JobRecord.expiredLeases(db, kinds: kinds, now: now)
        for var job in expired {
            let message = "the worker \(job.leaseOwner ?? "?") stopped before finishing attempt \(job.attempts)"
            job.leaseOwner = nil
            job.leaseExpiresAt = nil
            job.lastError = message
            job.updatedAt = now
            if job.attempts >= job.maxAttempts {
                job.state = JobState.dead
                try job.update(db)
                try failHandoff(db, job: job, message: "gave up after \(job.attempts) attempts: \(message)", now: now)
            } else {
                job.state = JobState.queued
                job.runAt = now
                try job.update(db)
            }
        }
    }

    /// Extends the lease of a long-running job. False when the lease was lost (another
    /// worker took the job over): the caller must stop.
    public func extendLease(job id: Int64, worker: String, leaseSeconds: Double, now: Date = Date()) throws(StoreError) -> Bool {
        try writing("extend a job lease", Self.extending(job: id, worker: worker, leaseSeconds: leaseSeconds, now: now))
    }

    static func extending(job id: Int64, worker: String, leaseSeconds: Double, now: Date) -> @Sendable (Database) throws -> Bool {
        { db in
            try db.execute(
                sql: "UPDATE job SET leaseExpiresAt = ?, updatedAt = ? WHERE id = ? AND leaseOwner = ? AND state = ?",
                arguments: [now.addingTimeInterval(leaseSeconds), now, id, worker, JobState.running.rawValue])
            return db.changesCount == 1
        }
    }

    /// Marks a job done. False when this worker no longer holds it.
    @discardableResult
    public func completeJob(_ id: Int64, worker: String, now: Date = Date()) throws(StoreError) -> Bool {
        try writing("complete a job", Self.completing(id, worker: worker, now: now))
    }

    static func completing(_ id: Int64, worker: String, now: Date) -> @Sendable (Database) throws -> Bool {
        { db in
            try db.execute(
                sql: "UPDATE job SET state = ?, leaseOwner = NULL, leaseExpiresAt = NULL, lastError = NULL, updatedAt = ? WHERE id = ? AND leaseOwner = ? AND state = ?",
                arguments: [JobState.succeeded.rawValue, now, id, worker, JobState.running.rawValue])
            return db.changesCount == 1
        }
    }

    /// Records a failed attempt. A permanent failure ends the job; a temporary one is
    /// retried after a backoff delay unless it was the last attempt.
    @discardableResult
    public func failJob(
        _ id: Int64, worker: String, error message: String, permanent: Bool, policy: RetryPolicy,
        now: Date = Date()
    ) throws(StoreError) -> JobFailureOutcome {
        try writing("record a failed job", Self.failing(id, worker: worker, error: message, permanent: permanent, policy: policy, now: now))
    }

    static func failing(
        _ id: Int64, worker: String, error message: String, permanent: Bool, policy: RetryPolicy,
        now: Date
    ) -> @Sendable (Database) throws -> JobFailureOutcome {
        { db in
            guard var job = try JobRecord.find(db, id: id),
                  job.leaseOwner == worker, job.state == .running
            else { return .notHeld }
            job.leaseOwner = nil
            job.leaseExpiresAt = nil
            job.lastError = message
            job.updatedAt = now
            let retryPolicy = RetryPolicy(maxAttempts: job.maxAttempts, baseSeconds: policy.baseSeconds, capSeconds: policy.capSeconds)
            if !permanent, let delay = retryPolicy.delay(afterAttempt: job.attempts) {
                job.state = JobState.queued
                job.runAt = now.addingTimeInterval(delay)
                try job.update(db)
                if let handoff = job.handoffId, let row = try HandoffRecord.find(db, id: handoff) {
                    try db.execute(sql: "UPDATE handoff SET lastError = ?, updatedAt = ? WHERE id = ?", arguments: [message, now, handoff])
                    let retrying = RetryingPayload(attempt: job.attempts, error: message, nextAttemptInSeconds: Int(delay.rounded()))
                    try Self.appendEvent(db, project: row.projectId, handoff: handoff, payload: retrying, at: now)
                }
                return .retryAt(job.runAt)
            }
            job.state = permanent ? .failed : .dead
            try job.update(db)
            let reason = permanent ? message : "gave up after \(job.attempts) attempts: \(message)"
            try Self.failHandoff(db, job: job, message: reason, now: now)
            return permanent ? .failed : .dead
        }
    }

    static func failHandoff(_ db: Database, job: JobRecord, message: String, now: Date) throws {
        guard let handoff = job.handoffId, var row = try HandoffRecord.find(db, id: handoff) else { return }
        // A handoff that may have reached the client keeps saying so; only its job ends.
        if !row.status.mayHaveReachedClient {
            row.status = .failed
        }
        row.lastError = message
        row.updatedAt = now
        try row.update(db)
        try appendEvent(db, project: row.projectId, handoff: handoff, payload: FailedPayload(error: message), at: now)
    }

    /// Puts a failed, dead or cancelled job back in the queue, with fresh attempts.
    public func retryJob(_ id: Int64, now: Date = Date()) throws(StoreError) -> JobRecord {
        try writing("retry a job", Self.retrying(id, now: now))
    }

    static func retrying(_ id: Int64, now: Date) -> @Sendable (Database) throws -> JobRecord {
        { db in
            guard var job = try JobRecord.find(db, id: id) else { throw StoreError.noSuchJob(id) }
            // Said first: a job whose send may have reached the client has ended (succeeded),
            // and "check with the client" is what the VA needs to hear, not the job's state.
            let row = try job.handoffId.flatMap { try HandoffRecord.find(db, id: $0) }
            if let row, row.status.mayHaveReachedClient {
                throw StoreError.mayHaveReachedClient(row.handoffID, status: row.status)
            }
            guard job.state == .failed || job.state == .dead || job.state == .cancelled else {
                throw StoreError.jobNotRetryable(id, state: job.state)
            }
            if let handoff = job.handoffId, var row {
                row.status = (try PackageRecord.find(db, handoff: handoff)) == nil ? .queued : .packaged
                row.lastError = nil
                row.updatedAt = now
                try row.update(db)
                try Self.appendEvent(db, project: row.projectId, handoff: handoff, payload: QueuedPayload(reason: "retry of job \(id)"), at: now)
            }
            job.state = .queued
            job.attempts = 0
            job.runAt = now
            job.lastError = nil
            job.updatedAt = now
            try job.update(db)
            return job
        }
    }

    /// Cancels a job that has not finished; a running one cannot be cancelled midway.
    public func cancelJob(_ id: Int64, now: Date = Date()) throws(StoreError) -> JobRecord {
        try writing("cancel a job", Self.cancelling(id, now: now))
    }

    static func cancelling(_ id: Int64, now: Date) -> @Sendable (Database) throws -> JobRecord {
        { db in
            guard var job = try JobRecord.find(db, id: id) else { throw StoreError.noSuchJob(id) }
            switch job.state {
            case .queued, .failed, .dead:
                break
            case .running:
                throw StoreError.jobRunning(id)
            case .succeeded, .cancelled:
                throw StoreError.jobFinished(id, state: job.state)
            }
            job.state = .cancelled
            job.leaseOwner = nil
            job.leaseExpiresAt = nil
            job.updatedAt = now
            try job.update(db)
            if let handoff = job.handoffId, var row = try HandoffRecord.find(db, id: handoff),
               !row.status.mayHaveReachedClient {
                row.status = .cancelled
                row.updatedAt = now
                try row.update(db)
                try Self.appendEvent(db, project: row.projectId, handoff: handoff, payload: CancelledPayload(), at: now)
            }
            return job
        }
    }

    public func job(_ id: Int64) throws(HandoffError) -> JobRecord? {
        try lookup("read a job") { db in try JobRecord.find(db, id: id) }
    }

    public func job(forHandoff handoff: HandoffID) throws(HandoffError) -> JobRecord? {
        try read("read a job", Self.findingJob(forHandoff: handoff))
    }

    public func job(forHandoff handoff: HandoffID) async throws(HandoffError) -> JobRecord? {
        try await read("read a job", Self.findingJob(forHandoff: handoff))
    }

    static func findingJob(forHandoff handoff: HandoffID) -> @Sendable (Database) throws -> JobRecord? {
        { db in
            try JobRecord.filter(Column("handoffId") == handoff.rawValue).order(Column("id").desc).fetchOne(db)
        }
    }

    /// Jobs, newest first, optionally only in some states.
    public func jobs(states: [JobState]? = nil, limit: Int = 200) throws(HandoffError) -> [JobRecord] {
        try read("list jobs", Self.listingJobs(states: states, limit: limit))
    }

    public func jobs(states: [JobState]? = nil, limit: Int = 200) async throws(HandoffError) -> [JobRecord] {
        try await read("list jobs", Self.listingJobs(states: states, limit: limit))
    }

    static func listingJobs(states: [JobState]?, limit: Int) -> @Sendable (Database) throws -> [JobRecord] {
        { db in
            var request = JobRecord.order(Column("id").desc).limit(limit)
            if let states { request = request.filter(states.contains(Column("state"))) }
            return try request.fetchAll(db)
        }
    }

    /// When the next queued job becomes due (or a running lease expires), for a worker
    /// deciding how long to wait.
    public func nextWakeUp() throws(HandoffError) -> Date? {
        try read("read the queue", Self.findingWakeUp)
    }

    public func nextWakeUp() async throws(HandoffError) -> Date? {
        try await read("read the queue", Self.findingWakeUp)
    }

    static func findingWakeUp(_ db: Database) throws -> Date? {
        let queued = try Date.fetchOne(db, sql: "SELECT MIN(runAt) FROM job WHERE state = ?", arguments: [JobState.queued.rawValue])
        let lease = try Date.fetchOne(db, sql: "SELECT MIN(leaseExpiresAt) FROM job WHERE state = ?", arguments: [JobState.running.rawValue])
        return [queued, lease].compactMap { $0 }.min()
    }

    /// Counts of jobs per state.
    public func jobCounts() throws(HandoffError) -> [JobState: Int] {
        try read("count jobs") { db in
            var counts: [JobState: Int] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM job GROUP BY state")
            for row in rows {
                if let state = JobState(rawValue: try row.decode(forColumn: "state")) { counts[state] = try row.decode(forColumn: "n") }
            }
            return counts
        }
    }
}

extension HandoffStore {
    /// Ends the leases of workers known to be dead, so the next claim recovers their jobs.
    public func expireLeases(ownedBy owners: [String], now: Date = Date()) throws(HandoffError) {
        try write("release abandoned jobs", Self.expiringLeases(ownedBy: owners, now: now))
    }

    public func expireLeases(ownedBy owners: [String], now: Date = Date()) async throws(HandoffError) {
        try await write("release abandoned jobs", Self.expiringLeases(ownedBy: owners, now: now))
    }

    static func expiringLeases(ownedBy owners: [String], now: Date) -> @Sendable (Database) throws -> Void {
        { db in
            for owner in owners {
                try db.execute(
                    sql: "UPDATE job SET leaseExpiresAt = ? WHERE state = ? AND leaseOwner = ?",
                    arguments: [now.addingTimeInterval(-1), JobState.running.rawValue, owner])
            }
        }
    }
}
