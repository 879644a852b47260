import Foundation
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffStore
import Synchronization
import Testing
@testable import HandoffGateway

@Suite("A delivery resumed after a crash mid-send acts on the resume check's answer")
struct DeliveryStepTests {
    static let stored = "<resumed.1@va.test>"

    /// A handoff as a crash mid-send leaves it: `sending`, its Message-ID recorded, and
    /// the gateway that resumes it with `transport`.
    static func crashedMidSend(_ workspace: Workspace, transport: any MailTransport) async throws -> (Gateway, HandoffID) {
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try FailureNoticeTests.gateway(workspace, transport: transport)
        let id = try gateway.deliver(path: folder, project: "acme").record.handoffID
        try await gateway.store.markSending(id, messageID: stored, route: .email)
        return (gateway, id)
    }

    @Test("the transport cannot tell: possibly sent, and nothing is packaged or sent again")
    func unknownEndsPossiblySent() async throws {
        let workspace = try Workspace()
        let transport = AnsweringTransport(wasSent: nil)
        let (gateway, id) = try await Self.crashedMidSend(workspace, transport: transport)
        let row = try #require(try await gateway.store.handoff(id))
        #expect(try await gateway.resumePoint(of: row) == .unknown(stored: Self.stored))

        _ = try await gateway.drain()
        #expect(try await gateway.store.handoff(id)?.status == .possiblySent)
        #expect(transport.sends.withLock { $0 } == 0)
        #expect(try await gateway.store.package(for: id) == nil)
    }

    @Test("the transport has it: recorded as sent after a restart, never sent again")
    func alreadySentIsRecorded() async throws {
        let workspace = try Workspace()
        let transport = AnsweringTransport(wasSent: true)
        let (gateway, id) = try await Self.crashedMidSend(workspace, transport: transport)
        let row = try #require(try await gateway.store.handoff(id))
        #expect(try await gateway.resumePoint(of: row) == .alreadySent(try MessageID(parsing: Self.stored), stored: Self.stored))

        _ = try await gateway.drain()
        let record = try #require(try await gateway.store.handoff(id))
        #expect(record.status == .sent)
        #expect(record.serverReply == "found already handed over after a restart")
        #expect(transport.sends.withLock { $0 } == 0)
    }

    @Test("the transport surely does not have it: sent once more, under the same Message-ID")
    func resendKeepsMessageID() async throws {
        let workspace = try Workspace()
        let transport = AnsweringTransport(wasSent: false)
        let (gateway, id) = try await Self.crashedMidSend(workspace, transport: transport)
        let row = try #require(try await gateway.store.handoff(id))
        #expect(try await gateway.resumePoint(of: row) == .resend(try MessageID(parsing: Self.stored)))

        _ = try await gateway.drain()
        let record = try #require(try await gateway.store.handoff(id))
        #expect(record.status == .sent)
        #expect(record.messageId == Self.stored)
        #expect(transport.sends.withLock { $0 } == 1)
    }

    @Test("a handoff that never started sending starts from the beginning")
    func freshStartsOver() async throws {
        let workspace = try Workspace()
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try FailureNoticeTests.gateway(workspace, transport: AnsweringTransport(wasSent: true))
        let id = try gateway.deliver(path: folder, project: "acme").record.handoffID
        let row = try #require(try await gateway.store.handoff(id))
        #expect(try await gateway.resumePoint(of: row) == .fresh)
    }
}

/// A transport that takes every message and gives a fixed answer about earlier ones.
final class AnsweringTransport: MailTransport {
    let answer: Bool?
    let sends = Mutex(0)

    init(wasSent answer: Bool?) {
        self.answer = answer
    }

    func send(_ message: RenderedMessage, envelope: Envelope) async throws(HandoffError) -> SendResult {
        sends.withLock { $0 += 1 }
        return SendResult(serverReply: "250 2.0.0 taken", accepted: envelope.recipients)
    }

    func wasSent(messageID: MessageID) async -> Bool? { answer }
}
