import HandoffCore
import HandoffStore

/// The `acknowledge` job: mail one acknowledgement of a new request (see
/// `runAcknowledgementJob`).
struct AcknowledgeJobHandler: JobHandler {
    var kind: JobKind { .acknowledge }

    func run(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError) {
        try await gateway.runAcknowledgementJob(job)
    }
}
