import HandoffCore
import HandoffStore

/// The `receipt` job: mail one rendered receipt to a project's contacts (see `runReceiptJob`).
struct ReceiptJobHandler: JobHandler {
    var kind: JobKind { .receipt }

    func run(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError) {
        try await gateway.runReceiptJob(job)
    }
}

extension Gateway.DrainReport {
    /// The receipt mail jobs run, for the summary (see `HandoffStore.receiptMessage(for:)`).
    public var receiptJobs: [JobRecord] { jobs.filter { $0.kind == .receipt } }
}
