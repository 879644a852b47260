import HandoffCore
import HandoffStore

/// The `deliver` job: package, route, send and record one handoff (see `runDeliverJob`).
struct DeliverJobHandler: JobHandler {
    var kind: JobKind { .deliver }

    func run(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError) {
        _ = try await gateway.runDeliverJob(job)
    }

    /// A delivered outbox folder is moved aside only once its job is recorded as done.
    func completed(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError) {
        guard let record = try await handoff(of: job, in: gateway) else { return }
        _ = try await gateway.finishOutboxFolder(record)
    }

    /// The outbox folder is marked failed and the VA is sent a notice.
    func failedForGood(_ job: JobRecord, in gateway: Gateway) async {
        guard let jobID = job.id, let record = try? await handoff(of: job, in: gateway) else { return }
        let folder = try? await gateway.finishOutboxFolder(record)
        await gateway.noticeFailure(record, job: jobID, folder: folder)
    }

    private func handoff(of job: JobRecord, in gateway: Gateway) async throws(HandoffError) -> HandoffRecord? {
        guard let id = job.handoffId else { return nil }
        return try await gateway.store.handoff(HandoffID(rawValue: id))
    }
}
