import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTime
import Testing

@Suite("Mailing a receipt through the queue")
struct ReceiptSendTests {
    @Test("--send queues it; the worker mails HTML + text alternative + signed JSON to the contacts and ledgers it")
    func send() async throws {
        let fixture = try ReceiptFixture()
        // The queue runs on the fixture's calendar, never today's: at 16:00 on the last day
        // of the history the receipt is due and the third delivery (queued at 17:00) is not.
        let sendTime = try at("2026-11-30 16:00")
        var gateway = fixture.gateway
        gateway.now = { sendTime }
        let queued = try gateway.queueReceipt(project: "acme", from: nil, to: nil, now: sendTime, clock: berlin)
        #expect(queued.recipients == ["dana@acme.test"])
        let receiptFile = "receipt-acme-2026-11-30.json"
        let report = try await gateway.drain()
        #expect(report.failures.isEmpty)
        let sent = fixture.workspace.root + "/var/sent"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: sent).first { $0.hasPrefix(queued.id) })
        let parts = try runProgram("python3", ["-c", """
            import email, email.policy, json, sys
            msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
            print(msg.get_content_type(), msg['To'], msg['X-Handoff-Receipt'])
            for part in msg.walk():
                print(part.get_content_type(), part.get_filename() or '')
            att = next(msg.iter_attachments())
            doc = json.loads(att.get_content())
            print(doc['receipt']['project']['id'], doc['signature']['algorithm'])
            print('html' if 'Delivery receipt' in msg.get_body(('html',)).get_content() else 'no html')
            """, sent + "/" + file])
        #expect(parts.status == 0, "\(parts.stderr)")
        #expect(parts.stdout == """
            multipart/mixed Dana Client <dana@acme.test> \(queued.id)
            multipart/mixed 
            multipart/alternative 
            text/plain 
            text/html 
            application/json \(receiptFile)
            acme Ed25519
            html

            """)
        let events = try gateway.store.receiptRows(project: try ProjectID("acme"), from: nil, to: nil)
        #expect(events.chainLength == 13, "one receipt_sent event after the 12 of the history")
        #expect(try gateway.store.verifyLedger().allSatisfy { $0.problem == nil })
        let row = try #require(try gateway.store.receiptMessages(project: try ProjectID("acme")).first)
        #expect(row.status == .sent)
    }

    @Test("a contact the allow list no longer covers is refused before anything is queued")
    func guarded() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        var project = try gateway.project("acme")
        project.allow = [try AllowRule(parsing: "other.test")]
        let error = #expect(throws: HandoffError.self) { try RecipientGuard.check(project.contacts, for: project) }
        #expect(error?.message.hasPrefix("Refused: dana@acme.test is not allowed for project 'acme'") == true)
    }
}
