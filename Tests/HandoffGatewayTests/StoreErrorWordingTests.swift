import Foundation
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

@Suite("The store's errors reach the VA with the command that helps")
struct StoreErrorWordingTests {
    @Test("retrying a job that does not exist points at the queue listing")
    func noSuchJob() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let error = #expect(throws: HandoffError.self) { try gateway.retry(job: 999) }
        #expect(error?.kind == .usage)
        #expect(error?.message == "There is no job 999. See `handoff queue list`.")
    }

    @Test("a handoff that may have reached the client is not retried, and the VA learns how to send it anyway")
    func mayHaveReachedClient() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let folder = try workspace.makeDeliverable("work/brochure")
        let id = try gateway.deliver(path: folder, project: "acme").record.handoffID
        let job = try #require(try gateway.store.claimJob(kinds: gateway.jobs.kinds, worker: "w", leaseSeconds: 60)?.id)
        try gateway.store.markPossiblySent(id, messageID: "<brochure@va.example>")
        _ = try gateway.store.failJob(job, worker: "w", error: "stopped", permanent: true, policy: .default)
        let error = #expect(throws: HandoffError.self) { try gateway.retry(job: job) }
        #expect(error?.kind == .usage)
        #expect(error?.message == "Handoff \(id) is possibly_sent: it may already have reached the client. Check with the client before delivering again. To send it anyway, deliver it again with `handoff deliver`.")
    }
}
