import Foundation
import HandoffCore
import HandoffMail
import HandoffStore
import Testing
@testable import HandoffGateway

/// Faults on demand from Postfix's smtp-sink, behind the scripted TLS front. Each case ends
/// delivered exactly once after recovery, possibly sent where SMTP leaves it open, or
/// failed with the server's words.
@Suite("SMTP faults (smtp-sink)", .serialized)
struct SMTPFaultTests {
    let stack: TestStack

    init() throws {
        stack = try TestStack.load()
    }

    /// A workspace sending to the front with no login (smtp-sink takes anything), short timeouts.
    func workspace(front: ScriptedTLSFrontForSMTPSink) throws -> MailWorkspace {
        try MailWorkspace(stack: stack, url: front.url, mail: "ca_file = \"\(stack.caFile)\"", timeout: 2)
    }

    /// Fails once against a faulty sink, then runs the retry against a healthy one.
    func failThenRecover(faults: [String], cutAfter: Int? = nil, size: Int = 2_000) async throws {
        let faulty = try SMTPSink(stack: stack, faults: faults)
        let healthy = try SMTPSink(stack: stack)
        let front = try ScriptedTLSFrontForSMTPSink(stack: stack, backend: faulty)
        try front.point(at: faulty, cutAfter: cutAfter)
        let workspace = try workspace(front: front)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.bin": randomData(size)]), project: "acme")
        let id = queued.record.handoffID

        let errors = try await gateway.runDueJobs()
        #expect(errors.count == 1)
        #expect(errors.first?.kind == .temporary, "\(errors)")
        var state = try gateway.state(of: id)
        #expect(state.job.state == .queued)
        #expect(state.handoff.status == .packaged)
        #expect(try await gateway.store.ledgerEvents(handoff: id).map(\.kind).contains("retrying"))

        // Recovery: the server is fine again; a new process runs the retry when it is due.
        try front.point(at: healthy)
        let restarted = try workspace.gateway()
        #expect(try await restarted.runDueJobs(at: Date().addingTimeInterval(3_600)).isEmpty)
        state = try restarted.state(of: id)
        #expect(state.handoff.status == .sent)
        #expect(state.job.state == .succeeded)
        #expect(try healthy.accepted().count == 1)
    }

    @Test("421 at the greeting: retried, then delivered once")
    func greeting421() async throws {
        try await failThenRecover(faults: ["-Q", "connect"])
    }

    @Test("451 after DATA: retried, then delivered once")
    func data451() async throws {
        try await failThenRecover(faults: ["-r", "data"])
    }

    @Test("a stalled server times out: retried, then delivered once")
    func stalled() async throws {
        try await failThenRecover(faults: ["-W", "rcpt:30"])
    }

    @Test("the connection cut in the middle of the message: retried, then delivered once")
    func cutMidData() async throws {
        // 8 MB cannot sit in socket buffers, so libcurl is still writing when the cut comes.
        try await failThenRecover(faults: [], cutAfter: 200_000, size: 8_000_000)
    }

    @Test("a refused connection is temporary: the job waits for its retry")
    func refusedConnection() async throws {
        let port = try freePort()
        let workspace = try MailWorkspace(stack: stack, url: "smtps://127.0.0.1:\(port)", mail: "ca_file = \"\(stack.caFile)\"", timeout: 2)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("x\n".utf8)]), project: "acme")
        let errors = try await gateway.runDueJobs()
        #expect(errors.first?.kind == .temporary)
        #expect(errors.first?.message.contains("127.0.0.1:\(port)") == true)
        #expect(try gateway.state(of: queued.record.handoffID).job.state == .queued)
        #expect(try gateway.state(of: queued.record.handoffID).handoff.status == .packaged)
    }

    @Test("no reply after the final dot: possibly sent, not sent again")
    func noReplyAfterDot() async throws {
        let faulty = try SMTPSink(stack: stack, faults: ["-q", "."])
        let front = try ScriptedTLSFrontForSMTPSink(stack: stack, backend: faulty)
        let workspace = try workspace(front: front)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("x\n".utf8)]), project: "acme")
        let id = queued.record.handoffID
        #expect(try await gateway.runDueJobs().isEmpty)
        let state = try gateway.state(of: id)
        #expect(state.handoff.status == .possiblySent)
        #expect(state.job.state == .succeeded)
        #expect(state.handoff.lastError?.contains("possibly sent") == true)
        #expect(try await gateway.store.ledgerEvents(handoff: id).map(\.kind).last == "possibly_sent")
        #expect(try await gateway.runDueJobs(at: Date().addingTimeInterval(86_400)).isEmpty)
        // And `queue retry` refuses to send it blindly.
        let refusal = #expect(throws: StoreError.self) { try gateway.store.retryJob(state.job.id!) }
        #expect(refusal?.reason == .mayHaveReachedClient)
    }

    @Test("a crash after the send started: resumed as possibly sent, not sent again")
    func crashInTheWindow() async throws {
        let sink = try SMTPSink(stack: stack)
        let front = try ScriptedTLSFrontForSMTPSink(stack: stack, backend: sink)
        let workspace = try workspace(front: front)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("x\n".utf8)]), project: "acme")
        let id = queued.record.handoffID
        // What a worker leaves behind when it dies between the server's 250 and the ledger write.
        _ = try await gateway.ensurePackage(row: try #require(try gateway.store.handoff(id)), project: try gateway.project("acme"))
        try await gateway.store.markSending(id, messageID: "<\(id.rawValue).crash@va.test>", route: .email)
        #expect(try await gateway.runDueJobs().isEmpty)
        #expect(try gateway.state(of: id).handoff.status == .possiblySent)
        #expect(try sink.accepted().isEmpty)
    }

    @Test("5xx after the message: failed with the server's text, not retried")
    func rejectedAfterDot() async throws {
        let faulty = try SMTPSink(stack: stack, faults: ["-f", ".", "-B", "554 5.7.1 Message refused by policy"])
        let front = try ScriptedTLSFrontForSMTPSink(stack: stack, backend: faulty)
        let workspace = try workspace(front: front)
        let gateway = try workspace.gateway()
        let queued = try gateway.deliver(path: try workspace.deliverable("memo", files: ["memo.txt": Data("x\n".utf8)]), project: "acme")
        let errors = try await gateway.runDueJobs()
        #expect(errors.first?.message.contains("554 5.7.1 Message refused by policy") == true)
        let state = try gateway.state(of: queued.record.handoffID)
        #expect(state.handoff.status == .failed)
        #expect(state.job.state == .failed)
    }
}
