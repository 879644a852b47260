import Foundation
import HandoffCLITesting
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

    @Test("a job of a kind no handler runs is not claimed: it stays queued for a gateway that runs it")
    func unregisteredKindStaysQueued() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        var gateway = try workspace.gateway()
        let handler = RecordingHandler(kind: .receipt)
        gateway.jobs = JobRegistry([handler])
        let queued = try gateway.deliver(path: folder, project: "acme")
        let report = try await gateway.drain()
        #expect(report.failures.isEmpty)
        #expect(report.jobs.isEmpty)
        let job = try #require(try await gateway.store.job(forHandoff: queued.record.handoffID))
        #expect(job.state == .queued)
        #expect(job.attempts == 0)
        #expect(handler.ran.withLock { $0 }.isEmpty)
        // The gateway that knows the kind runs it.
        gateway.jobs = .standard
        let later = try await gateway.drain()
        #expect(later.failures.isEmpty)
        #expect(try await gateway.store.job(forHandoff: queued.record.handoffID)?.state == .succeeded)
    }

    @Test("a new kind of job is one more handler: the store and the worker take it as it is")
    func newKindRuns() async throws {
        let workspace = try Workspace()
        var gateway = try workspace.gateway()
        let transcode = try #require(JobKind(rawValue: "transcode"))
        let handler = RecordingHandler(kind: transcode)
        gateway.jobs.register(handler)
        let job = try await gateway.store.enqueue(
            NewJob(kind: transcode, idempotencyKey: "transcode:1", maxAttempts: 2, runAt: gateway.now()), now: gateway.now())
        let report = try await gateway.drain()
        #expect(report.failures.isEmpty)
        #expect(report.jobs.map(\.kind) == [transcode])
        #expect(handler.ran.withLock { $0 } == [try #require(job.id)])
        #expect(try await gateway.store.jobs().first?.state == .succeeded)
    }

    @Test("queue list shows a job of any kind, known to this version or not")
    func queueListShowsAnyKind() async throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let transcode = try #require(JobKind(rawValue: "transcode"))
        _ = try await gateway.store.enqueue(
            NewJob(kind: transcode, idempotencyKey: "transcode:1", maxAttempts: 2, runAt: gateway.now()), now: gateway.now())
        let list = await runInProcess(["queue", "list", "--json", "--config", workspace.configPath])
        #expect(list.status == 0, "\(list.stderr)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(jobs.map { $0["kind"] as? String } == ["transcode"])
        #expect(jobs.map { $0["state"] as? String } == ["queued"])
    }

    @Test("looking up a kind nobody registered reports the kind and the kinds there are")
    func lookupReportsKind() {
        let registry = JobRegistry([RecordingHandler(kind: .receipt)])
        let error = #expect(throws: UnregisteredJobKind.self) { try registry.handler(for: .deliver) }
        #expect(error?.kind == .deliver)
        #expect(error?.registered == [.receipt])
        #expect((try? JobRegistry.standard.handler(for: .deliver))?.kind == .deliver)
        #expect((try? JobRegistry.standard.handler(for: .receipt))?.kind == .receipt)
        #expect(JobRegistry.standard.kinds == [.deliver, .receipt, .acknowledge])
    }
}
