import Foundation
import HandoffConfig
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffReceipts
import HandoffStore
import HandoffTestSupport
import Logging
import Synchronization
import Testing
@testable import HandoffGateway

@Suite("Failure notices to the VA")
struct FailureNoticeTests {
    static let notify = "notify_failures = true"

    /// An outbox folder queued for bob@acme.test, then refused at send time because the
    /// allow list was narrowed to dana alone in the meantime. Returns the gateway of the
    /// narrowed configuration and the handoff's id.
    static func refusedAtSendTime(_ workspace: Workspace) async throws -> (Gateway, HandoffID) {
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data("to: bob@acme.test\n".utf8).write(to: URL(fileURLWithPath: folder + "/READY"))
        let id = try #require(try await workspace.gateway().scanOutbox().queued.first)
        let text = try workspace.contents(of: workspace.configPath)
        let narrowed = text.replacingOccurrences(of: "allow = [\"acme.test\"]", with: "allow = [\"dana@acme.test\"]")
        #expect(narrowed != text)
        try Data(narrowed.utf8).write(to: URL(fileURLWithPath: workspace.configPath))
        return (try workspace.gateway(), id)
    }

    /// A gateway on the workspace's data with a transport of the test's own.
    static func gateway(_ workspace: Workspace, transport: any MailTransport) throws -> Gateway {
        let config = try ConfigLoader.load(path: workspace.configPath, environment: [:])
        var logger = Logger(label: "handoff.test")
        logger.logLevel = .critical
        return try Gateway(config: config, logger: logger, transport: transport)
    }

    /// What Python's email package reads in a message file.
    struct Read: Decodable {
        var from: String
        var to: String
        var subject: String
        var messageID: String
        var handoffID: String?
        var parts: Int
        var attachments: Int
        var body: String
    }

    static func read(_ path: String) throws -> Read {
        let json = try python("""
            import email, email.policy, json, sys
            msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            print(json.dumps({
                "from": str(msg["From"]), "to": str(msg["To"]), "subject": str(msg["Subject"]),
                "messageID": str(msg["Message-ID"]), "handoffID": msg["X-Handoff-ID"],
                "parts": len(list(msg.walk())), "attachments": len(list(msg.iter_attachments())),
                "body": msg.get_body(preferencelist=("plain",)).get_content(),
            }))
            """, [path])
        return try JSONDecoder().decode(Read.self, from: Data(json.utf8))
    }

    @Test("a delivery refused at send time mails one plain notice to the VA, nothing to the client, and ledgers it")
    func noticeOnRefusal() async throws {
        let workspace = try Workspace(gateway: Self.notify)
        let (gateway, id) = try await Self.refusedAtSendTime(workspace)
        let report = try await gateway.drain()
        #expect(report.failures.count == 1)
        let job = try #require(try await gateway.store.job(forHandoff: id))
        #expect(job.state == .failed)
        #expect(try await gateway.store.handoff(id)?.status == .failed)

        let messages = try workspace.sentMessages()
        #expect(messages.count == 1)
        let notice = try Self.read(try #require(messages.first))
        #expect(notice.from == "Pat Example <pat@va.test>")
        #expect(notice.to == "Pat Example <pat@va.test>")
        #expect(notice.subject == "Handoff \(id.rawValue) to Acme Realty failed")
        #expect(notice.handoffID == id.rawValue)
        #expect(notice.parts == 1)
        #expect(notice.attachments == 0)
        #expect(notice.body.contains("Deliverable:  brochure\n"))
        #expect(notice.body.contains("Recipients:   bob@acme.test\n"))
        let error = try #require(job.lastError)
        #expect(error.hasPrefix("Refused: bob@acme.test is not allowed"))
        #expect(notice.body.contains("Error:\n  \(error)\n"))
        #expect(notice.body.contains("/outbox/acme/.failed/brochure-\(id.rawValue)\n"))
        #expect(notice.body.contains("  handoff queue retry \(try #require(job.id))\n"))
        #expect(notice.body.contains("  handoff queue cancel \(try #require(job.id))\n"))
        #expect(notice.body.contains("send it again (the folder goes back into the outbox) with:\n  handoff queue retry"))
        #expect(FileManager.default.fileExists(atPath: workspace.root + "/outbox/acme/.failed/brochure-\(id.rawValue)/ERROR.txt"))

        let events = try await gateway.store.ledgerEvents(handoff: id)
        #expect(events.map(\.kind).suffix(2) == ["failed", "notice_sent"])
        let detail = try #require(events.last).decodedDetail()
        #expect(detail["to"] == "pat@va.test")
        #expect(detail["message_id"] == notice.messageID)
        #expect(detail["failure_seq"] == String(try #require(events.last { $0.kind == "failed" }).seq))
        #expect(try gateway.store.verifyLedger().allSatisfy { $0.problem == nil })

        // Draining again, in a new process on the same data, sends nothing more.
        let again = try workspace.gateway()
        _ = try await again.drain()
        #expect(try workspace.sentMessages().count == 1)
        #expect(try await again.store.ledgerEvents(handoff: id).filter { $0.kind == "notice_sent" }.count == 1)

        // The receipt shows the notice in the handoff's timeline.
        let receipt = try again.receipt(project: "acme", from: nil, to: nil, clock: WallClock(zone: TimeZone(identifier: "UTC")!))
        let timeline = try #require(receipt.deliveries.first { $0.id == id.rawValue }).timeline
        #expect(timeline.last?.kind == "notice_sent")
    }

    @Test("without notify_failures the same failure sends nothing")
    func noNoticeByDefault() async throws {
        let workspace = try Workspace()
        let (gateway, id) = try await Self.refusedAtSendTime(workspace)
        let report = try await gateway.drain()
        #expect(report.failures.count == 1)
        #expect(try await gateway.store.handoff(id)?.status == .failed)
        #expect(try workspace.sentMessages().isEmpty)
        #expect(try await gateway.store.ledgerEvents(handoff: id).contains { $0.kind == "notice_sent" } == false)
    }

    @Test("the same failure looked at again (a resumed process) is not reported twice")
    func onceForTheSameFailure() async throws {
        let workspace = try Workspace(gateway: Self.notify)
        let (gateway, id) = try await Self.refusedAtSendTime(workspace)
        _ = try await gateway.drain()
        #expect(try workspace.sentMessages().count == 1)
        let record = try #require(try await gateway.store.handoff(id))
        let job = try #require(try await gateway.store.job(forHandoff: id)?.id)
        // A transport that would take anything: only the ledger can stop a second notice.
        let transport = CountingTransport(refuse: false)
        let restarted = try Self.gateway(workspace, transport: transport)
        await restarted.noticeFailure(record, job: job, folder: nil)
        #expect(transport.attempts.withLock { $0 } == 0)
        #expect(try await gateway.store.ledgerEvents(handoff: id).filter { $0.kind == "notice_sent" }.count == 1)
    }

    @Test("a retried handoff that fails again gets a second notice, about the second failure")
    func secondFailureAfterRetry() async throws {
        let workspace = try Workspace(gateway: Self.notify)
        let folder = try workspace.makeDeliverable("work/brochure")
        let gateway = try workspace.gateway()
        let id = try gateway.deliver(path: folder, project: "acme").record.handoffID
        try FileManager.default.removeItem(atPath: folder)
        _ = try await gateway.drain()
        let job = try #require(try await gateway.store.job(forHandoff: id)?.id)
        #expect(try workspace.sentMessages().count == 1)

        _ = try await gateway.store.retryJob(job)
        _ = try await gateway.drain()
        let messages = try workspace.sentMessages()
        #expect(messages.count == 2)
        let events = try await gateway.store.ledgerEvents(handoff: id)
        let failures = events.filter { $0.kind == "failed" }.map { String($0.seq) }
        let notices = events.filter { $0.kind == "notice_sent" }.map { $0.decodedDetail()["failure_seq"] }
        #expect(failures.count == 2)
        #expect(notices == failures)
        let bodies = try messages.map { try Self.read($0).body }
        #expect(bodies.allSatisfy { $0.contains("The deliverable \(folder) is gone") })
        // A path deliverable that is gone: no folder to point at, and nothing to move back.
        #expect(bodies.allSatisfy { !$0.contains("folder goes back") && !$0.contains("is still at") })
        #expect(bodies.allSatisfy { $0.contains("Fix the cause, then send it again with:\n  handoff queue retry \(job)\n") })
    }

    @Test("a worker that died on the last attempt: the next drain gives the job up and mails the notice, once")
    func noticeAfterDeadWorker() async throws {
        let workspace = try Workspace(gateway: Self.notify, maxAttempts: 1)
        let folder = try workspace.makeDeliverable("outbox/acme/brochure")
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let id = try #require(try await gateway.scanOutbox().queued.first)
        // Another machine's worker claims the only attempt and is never heard of again:
        // its lease has already run out.
        let claimed = try #require(try await gateway.store.claimJob(kinds: gateway.jobs.kinds, worker: "other-host:1:0", leaseSeconds: -1))
        #expect(claimed.handoffId == id.rawValue)

        let report = try await gateway.drain()
        #expect(report.handoffs.isEmpty, "the job was given up by the claim, never run")
        #expect(try await gateway.store.handoff(id)?.status == .failed)
        let messages = try workspace.sentMessages()
        #expect(messages.count == 1)
        let notice = try Self.read(try #require(messages.first))
        #expect(notice.subject == "Handoff \(id.rawValue) to Acme Realty failed")
        #expect(notice.body.contains("stopped before finishing attempt 1"))
        #expect(notice.body.contains("/outbox/acme/.failed/brochure-\(id.rawValue)\n"))

        _ = try await gateway.drain()
        #expect(try workspace.sentMessages().count == 1, "a second drain reports nothing new")
    }

    @Test("a notice the transport refuses is a warning: the handoff stays failed and no notice is ledgered")
    func noticeThatCannotBeSent() async throws {
        let workspace = try Workspace(gateway: Self.notify)
        _ = try await Self.refusedAtSendTime(workspace)
        let transport = CountingTransport(refuse: true)
        let gateway = try Self.gateway(workspace, transport: transport)
        let report = try await gateway.drain()
        #expect(transport.attempts.withLock { $0 } == 1)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.error.message.contains("bob@acme.test") == true)
        let id = try #require(report.handoffs.first)
        #expect(try await gateway.store.handoff(id)?.status == .failed)
        #expect(try await gateway.store.job(forHandoff: id)?.state == .failed)
        #expect(try await gateway.store.ledgerEvents(handoff: id).last?.kind == "failed")
    }

    @Test("a package over the limit is refused after packaging: the notice stays small")
    func packagedThenRefused() async throws {
        let workspace = try Workspace(gateway: Self.notify, mail: "max_attachment_mb = 1", project: "deliver = \"email\"")
        let folder = try workspace.makeDeliverable("outbox/acme/huge", files: ["clip.bin": randomData(1_200_000)])
        try Data().write(to: URL(fileURLWithPath: folder + "/READY"))
        let gateway = try workspace.gateway()
        let id = try #require(try await gateway.scanOutbox().queued.first)
        _ = try await gateway.drain()
        let messages = try workspace.sentMessages()
        #expect(messages.count == 1)
        let path = try #require(messages.first)
        let notice = try Self.read(path)
        #expect(notice.to == "Pat Example <pat@va.test>")
        #expect(notice.attachments == 0)
        #expect(notice.body.contains("over the mail limit"))
        #expect(notice.body.contains(".failed/huge-\(id.rawValue)\n"))
        // The notice is small: the 1.2 MB deliverable is not in it.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size < 8_000)
    }

    @Test("an error text with line breaks stays in the body, each line indented, and only CRLF-free text remains")
    func multiLineError() throws {
        let notice = FailureNotice(
            handoff: HandoffID(rawValue: "H-TESTNOTICE"), job: 7, project: "acme", projectName: "Acme Realty",
            deliverable: "brochure", recipients: Recipients(to: [try EmailAddress(parsing: "dana@acme.test")]),
            error: "first line\r\nSubject: injected\nthird line\rfourth")
        #expect(notice.body.contains("Error:\n  first line\n  Subject: injected\n  third line\n  fourth\n"))
        #expect(notice.subject == "Handoff H-TESTNOTICE to Acme Realty failed")
        #expect(!notice.body.contains("\r"))
    }
}

/// A transport that counts what it is given, and takes it or refuses it.
final class CountingTransport: MailTransport {
    let refuse: Bool
    let attempts = Mutex(0)

    init(refuse: Bool) {
        self.refuse = refuse
    }

    func send(_ message: RenderedMessage, envelope: Envelope) async throws(HandoffError) -> SendResult {
        attempts.withLock { $0 += 1 }
        if refuse { throw .unavailable("the test transport refuses every message") }
        return SendResult(serverReply: "taken", accepted: envelope.recipients)
    }

    func wasSent(messageID: MessageID) async -> Bool? { false }
}
