import HandoffConfig
import Foundation
import HandoffCore
import HandoffStore
import Logging
import ServiceLifecycle

/// Claims due jobs and runs them, keeping each job's lease alive while it works.
extension Gateway {
    /// What `drain` did, one entry per job run.
    public struct DrainReport: Sendable {
        public var handoffs: [HandoffID] = []
        /// Every job run, of any kind, in the order each worker claimed them.
        public var jobs: [JobRecord] = []
        public var failures: [(job: Int64, error: HandoffError)] = []
        /// Handoffs whose job failed before (in this run or an earlier one) and waits for
        /// its next attempt: the run is not done with them.
        public var waiting: [HandoffID] = []
    }

    /// Runs every job that is due now with `workers` concurrent workers, and returns when
    /// none is left (jobs waiting for a later retry stay queued).
    public func drain(workers: Int? = nil) async throws(HandoffError) -> DrainReport {
        // Running jobs talks to servers: every secret must have been read.
        if let problem = config.deferredSecretProblems.first { throw .config(problem) }
        let count = max(1, workers ?? config.gateway.workers)
        let start = now()
        try await releaseLeasesOfDeadWorkers()
        sweepStaleTemporaryFiles(now: start)
        let reports = await withTaskGroup(of: DrainReport.self) { group in
            for index in 0..<count {
                group.addTask {
                    await self.workUntilIdle(identity: WorkerIdentity.current(index: index))
                }
            }
            var all: [DrainReport] = []
            for await report in group { all.append(report) }
            return all
        }
        var merged = DrainReport()
        for report in reports {
            merged.handoffs += report.handoffs
            merged.jobs += report.jobs
            merged.failures += report.failures
        }
        _ = try await scanOutbox(now: now())
        await noticeFailuresRecorded(since: start, excluding: Set(merged.handoffs))
        // Only deliveries name a handoff: whatever their kind, these jobs are retries.
        merged.waiting = try await store.jobs(states: [.queued], limit: .max)
            .filter { $0.attempts > 0 }
            .compactMap { $0.handoffId.map(HandoffID.init(rawValue:)) }
        return merged
    }

    /// Claims and runs jobs until none is due. Claims no new job once the daemon shuts down
    /// gracefully (or is cancelled); the job in hand always runs to its end.
    func workUntilIdle(identity: WorkerIdentity) async -> DrainReport {
        var report = DrainReport()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let job: JobRecord?
            do throws(StoreError) {
                job = try await queue.claimJob(kinds: jobs.kinds, worker: identity.description, leaseSeconds: Double(config.queue.leaseSeconds), now: now())
            } catch {
                logger.error("cannot claim a job", metadata: ["error": "\(error.message)"])
                report.failures.append((0, HandoffError(error)))
                return report
            }
            guard let job, let jobID = job.id else { return report }
            if let handoff = job.handoffId { report.handoffs.append(HandoffID(rawValue: handoff)) }
            report.jobs.append(job)
            if let error = await run(job, identity: identity) {
                report.failures.append((jobID, error))
            }
        }
        return report
    }

    /// Runs one claimed job with the handler registered for its kind; returns the error it
    /// ended with, if any.
    func run(_ job: JobRecord, identity: WorkerIdentity) async -> HandoffError? {
        guard let jobID = job.id else { return nil }
        let owner = identity.description
        let lease = Double(config.queue.leaseSeconds)
        let queue = self.queue
        // Renew the lease at a third of its length while the job runs.
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(max(1, lease / 3)))
                if Task.isCancelled { break }
                _ = try? await queue.extendLease(job: jobID, worker: owner, leaseSeconds: lease, now: Date())
            }
        }
        defer { heartbeat.cancel() }
        var metadata: Logger.Metadata = ["job.id": "\(jobID)", "attempt": "\(job.attempts)"]
        if let handoff = job.handoffId { metadata["handoff.id"] = "\(handoff)" }
        let handler: any JobHandler
        do throws(UnregisteredJobKind) {
            handler = try jobs.handler(for: job.kind)
        } catch {
            let failure = HandoffError.internal(error.message)
            _ = try? await queue.failJob(jobID, worker: owner, error: failure.message, permanent: true, policy: config.queue.retry, now: now())
            logger.error("job failed: \(failure.message)", metadata: metadata)
            return failure
        }
        do throws(HandoffError) {
            try await handler.run(job, in: self)
            do throws(StoreError) { try await queue.completeJob(jobID, worker: owner, now: now()) } catch { throw HandoffError(error) }
            try await handler.completed(job, in: self)
            return nil
        } catch {
            let permanent = error.kind == .badInput || error.kind == .config || error.kind == .usage
            let outcome = try? await queue.failJob(jobID, worker: owner, error: error.message, permanent: permanent, policy: config.queue.retry, now: now())
            switch outcome {
            case .retryAt(let date):
                metadata["retry_at"] = "\(date)"
                logger.warning("attempt failed, will retry: \(error.message)", metadata: metadata)
            case .failed, .dead:
                logger.error("\(job.kind.rawValue) job failed: \(error.message)", metadata: metadata)
                await handler.failedForGood(job, in: self)
            case .notHeld, nil:
                logger.warning("lost the job's lease while it ran: \(error.message)", metadata: metadata)
            }
            return error
        }
    }

    /// A job leased by a worker process on this machine that has since died is put back at
    /// once instead of waiting for its lease to run out.
    func releaseLeasesOfDeadWorkers() async throws(HandoffError) {
        let running = try await store.jobs(states: [.running])
        let dead = running.compactMap(\.leaseOwner).filter { WorkerIdentity(parsing: $0)?.isDeadLocalProcess == true }
        if !dead.isEmpty {
            try await store.expireLeases(ownedBy: Array(Set(dead)))
        }
    }
}
