import Foundation
import HandoffCore
import HandoffGateway
import HandoffStore
import Synchronization
import Testing

@Suite("Job handlers registered by kind")
struct JobRegistryTests {
    /// Stands in for a real handler: remembers the jobs it was given and sends nothing.
    final class RecordingHandler: JobHandler {
        let kind: JobKind
        let ran = Mutex<[Int64]>([])

        init(kind: JobKind) { self.kind = kind }

        func run(_ job: JobRecord, in gateway: Gateway) async throws(HandoffError) {
            ran.withLock { $0.append(job.id ?? 0) }
        }
    }

    @Test("the worker runs a job with the handler registered for its kind, and nothing else")
    func registeredHandlerRuns() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        var gateway = try workspace.gateway()
        let handler = RecordingHandler(kind: .deliver)
        gateway.jobs = JobRegistry([handler])
        let queued = try gateway.deliver(path: folder, project: "acme")
        let report = try await gateway.drain()
        #expect(report.failures.isEmpty)
        let job = try #require(try await gateway.store.job(forHandoff: queued.record.handoffID))
        #expect(handler.ran.withLock { $0 } == [try #require(job.id)])
        #expect(job.state == .succeeded)
        // The stand-in replaced the delivery: nothing was packaged or sent.
        #expect(try workspace.sentMessages().isEmpty)
    }

    @Test("a job of a kind no handler runs fails for good, and the error names the kind")
    func unregisteredKindFails() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        var gateway = try workspace.gateway()
        gateway.jobs = JobRegistry([RecordingHandler(kind: .receipt)])
        let queued = try gateway.deliver(path: folder, project: "acme")
        let report = try await gateway.drain()
        let failure = try #require(report.failures.first?.error)
        #expect(failure.message.contains("kind 'deliver'"))
        #expect(failure.message.contains("it runs: receipt"))
        let job = try #require(try await gateway.store.job(forHandoff: queued.record.handoffID))
        #expect(job.state == .failed)
        #expect(report.waiting.isEmpty)
    }

    @Test("looking up a kind nobody registered reports the kind and the kinds there are")
    func lookupReportsKind() {
        let registry = JobRegistry([RecordingHandler(kind: .receipt)])
        let error = #expect(throws: UnregisteredJobKind.self) { try registry.handler(for: .deliver) }
        #expect(error?.kind == .deliver)
        #expect(error?.registered == [.receipt])
        #expect((try? JobRegistry.standard.handler(for: .deliver))?.kind == .deliver)
        #expect((try? JobRegistry.standard.handler(for: .receipt))?.kind == .receipt)
    }
}
