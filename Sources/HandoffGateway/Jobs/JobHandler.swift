import HandoffCore
import HandoffStore

/// Runs the jobs of one kind. The worker claims a job, looks its handler up in the
/// gateway's `JobRegistry` by kind, and keeps the lease alive while `run` works: a new kind
/// of job is a new handler registered beside the others, and the worker does not change.
public protocol JobHandler: Sendable {
    /// The jobs this handler runs.
    var kind: JobKind { get }

    /// Does the job's work. An error fails this attempt: the queue retries it later unless
    /// the error is permanent (bad input, configuration, usage).
    func run(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError)

    /// Called once the queue has recorded the job as done, for tidying that must not
    /// happen before (moving a delivered outbox folder aside). Async: it may read the store,
    /// which it waits for without holding a thread of the cooperative pool.
    func completed(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError)

    /// Called once the job has failed for good (a permanent error, or no attempt left), so
    /// that a person hears of it.
    func failedForGood(_ job: JobRecord, in gateway: Gateway) async
}

extension JobHandler {
    public func completed(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError) {}
    public func failedForGood(_ job: JobRecord, in gateway: Gateway) async {}
}
