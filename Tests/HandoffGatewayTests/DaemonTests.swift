import Foundation
import HandoffConfig
import HandoffCore
import HandoffMail
import HandoffMIME
import HandoffStore
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import HandoffGateway

@Suite("handoff run as a service group")
struct DaemonTests {
    @Test("a graceful shutdown lets the send in progress finish and be recorded once, and claims no further job", .timeLimit(.minutes(1)))
    func gracefulShutdownMidSend() async throws {
        let workspace = try Workspace()
        var config = try ConfigLoader.load(path: workspace.configPath, environment: [:])
        // One worker: the second delivery waits in the queue, the one to stay unclaimed.
        config.gateway.workers = 1
        let transport = ShutdownAwaitingTransport()
        var logger = Logger(label: "handoff.test")
        logger.logLevel = .critical
        let gateway = try Gateway(config: config, logger: logger, transport: transport)
        let first = try gateway.deliver(path: try workspace.makeDeliverable("work/first"), project: "acme").record.handoffID
        let second = try gateway.deliver(path: try workspace.makeDeliverable("work/second"), project: "acme").record.handoffID

        // A scan interval longer than the test: nothing but the shutdown ends the naps.
        let daemon = Daemon(gateway: gateway, scanEvery: .seconds(600))
        async let stopped: Void = daemon.run()
        var sendsStarted = transport.started.makeAsyncIterator()
        await sendsStarted.next()
        await daemon.shutDownGracefully()
        try await stopped

        #expect(transport.sends.withLock { $0 } == 1)
        let handoffs = try gateway.store.handoffs()
        let sent = handoffs.filter { $0.status == .sent }.map(\.handoffID)
        #expect(sent.count == 1)
        let sentID = try #require(sent.first)
        #expect(try Self.sentEvents(gateway.store, sentID) == 1)
        let waiting = try #require(sentID == first ? second : first)
        let job = try #require(try await gateway.store.job(forHandoff: waiting))
        #expect(job.state == .queued)
        #expect(job.attempts == 0, "the job after the shutdown was claimed")
        #expect(try await gateway.store.handoff(waiting)?.status == .queued)
    }

    @Test("run --once runs the same services: the watcher queues a READY folder, the processor sends it")
    func oncePass() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        let pass = try await Daemon.runOnce(try workspace.gateway())
        #expect(pass.scan.queued.count == 1)
        #expect(pass.drain.handoffs == pass.scan.queued)
        #expect(pass.drain.failures.isEmpty)
        #expect(try workspace.sentMessages().count == 1)
    }

    /// No clock is read: when the whole test run is busy, a prompt return can take seconds.
    /// A ring that was lost would leave the wait to its hour and the test to its time limit.
    @Test("a ring with nobody waiting wakes the next wait at once", .timeLimit(.minutes(1)))
    func doorbellKeepsARing() async {
        let doorbell = Doorbell()
        doorbell.ring()
        await doorbell.wait(upTo: .seconds(3600))
    }

    /// The `sent` events of a handoff in the ledger.
    static func sentEvents(_ store: HandoffStore, _ id: HandoffID) throws -> Int {
        try store.ledgerEvents(handoff: id).filter { $0.kind == LedgerEventKind.sent.rawValue }.count
    }
}

/// A transport whose send returns only once the service it runs in is told to shut down
/// gracefully: the send is in progress exactly when the shutdown comes, whatever the timing.
final class ShutdownAwaitingTransport: MailTransport {
    let sends = Mutex(0)
    /// One element per send started.
    let started: AsyncStream<Void>
    private let startedContinuation: AsyncStream<Void>.Continuation

    init() {
        (started, startedContinuation) = AsyncStream.makeStream()
    }

    func send(_ message: RenderedMessage, envelope: Envelope) async throws(HandoffError) -> SendResult {
        sends.withLock { $0 += 1 }
        startedContinuation.yield()
        do {
            try await gracefulShutdown()
        } catch {
            throw .temporary("the test transport's send was cancelled")
        }
        return SendResult(serverReply: "250 2.0.0 taken", accepted: envelope.recipients)
    }

    func wasSent(messageID: MessageID) async -> Bool? { false }
}
