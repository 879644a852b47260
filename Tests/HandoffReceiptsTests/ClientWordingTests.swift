import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import Testing

@Suite("The receipt speaks to the client, not in ledger keys")
struct ClientWordingTests {
    @Test("a delivery through the file transport reads as sentences: no ledger keys, no local file, and the signed JSON keeps every field")
    func fileTransport() async throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let handoff = try gateway.deliver(path: try workspace.deliverable(), project: "acme", now: try at("2026-11-30 10:00")).record.handoffID
        #expect(try await gateway.drain().failures.isEmpty)
        let stored = try #require(try await gateway.store.handoff(handoff)?.serverReply)
        #expect(stored.contains(".eml"))

        let receipt = try gateway.receipt(project: "acme", from: nil, to: nil, now: try at("2026-11-30 12:00"), clock: berlin)
        for (format, text) in [("markdown", receipt.markdown), ("html", receipt.html)] {
            for shown in [".eml", "written to", "bcc_count", "sent_copy", "location", "message_id", "route:", "sha256:"] {
                #expect(!text.contains(shown), "the \(format) receipt shows '\(shown)'")
            }
            #expect(text.contains("Sent to dana@acme.test"), "the \(format) receipt does not say who got it")
            #expect(text.contains("Packaged brochure.zip: 1 file"), "the \(format) receipt does not describe the package")
        }
        let signed = String(decoding: try gateway.signedReceipt(receipt), as: UTF8.self)
        #expect(signed.contains(#""server_reply":"\#(stored)""#))
        #expect(signed.contains(#""bcc_count":"0""#))
    }

    static let delivery = Receipt.Delivery(
        id: "H-1", status: "sent", queuedAt: "2026-11-03T15:00:00+01:00", sentAt: "2026-11-03T15:01:00+01:00", package: nil,
        route: "email", to: ["dana@acme.test"], cc: [], bccCount: 1, messageID: nil, serverReply: nil, link: nil, timeline: [],
        entries: [], rawSeconds: 0, billedSeconds: 0)

    @Test("each kind of event has its own sentence", arguments: [
        (LedgerEventPayload.sent(SentPayload(accepted: "dana@acme.test", reply: "250 2.0.0 queued as 4XkQ1")),
         "Sent to dana@acme.test; 1 blind copy; the mail server answered 250 2.0.0 queued as 4XkQ1"),
        (.sent(SentPayload(accepted: "dana@acme.test", reply: "written to H-1.eml", location: "/srv/va/var/sent/H-1.eml")),
         "Sent to dana@acme.test; 1 blind copy"),
        (.sent(SentPayload(accepted: "dana@acme.test", refused: "bo@acme.test: 550 no such user", partial: true, reply: "250 ok")),
         "Sent to dana@acme.test; 1 blind copy; not accepted: bo@acme.test: 550 no such user; the mail server answered 250 ok"),
        (.sent(SentPayload(resumed: true, reply: "found already handed over after a restart")),
         "Sent to dana@acme.test; 1 blind copy; confirmed after a restart"),
        (.sent(SentPayload(part: "passphrase", reply: "250 ok")), "Passphrase sent in a separate message; the mail server answered 250 ok"),
        (.packaged(PackagedPayload(file: "brochure.zip", format: "zip", size: 48213, sha256: String(repeating: "ab", count: 32), files: 2, encrypted: true)),
         "Packaged brochure.zip: 2 files, 47.1 KiB, AES-256 encrypted, SHA-256 abababababab…"),
        (.queued(QueuedPayload(source: "/srv/outbox/acme/x", to: "dana@acme.test", cc: "office@acme.test", bccCount: 1, route: "link")),
         "Queued for delivery as a download link to dana@acme.test; cc office@acme.test; 1 blind copy"),
        (.queued(QueuedPayload(reason: "retry of job 4")), "Queued again to be sent"),
        (.billed(BilledPayload(entries: [1, 2], seconds: 9720, running: [2])), "Time entries 1, 2 billed (2.70 h recorded); one was still running"),
        (.retrying(RetryingPayload(attempt: 1, error: "421 try later", nextAttemptInSeconds: 60)), "Attempt 1 did not go through; tried again automatically"),
        (.failed(FailedPayload(error: "The deliverable /srv/work/x is gone")), "Delivery failed"),
        (.downloaded(DownloadedPayload(from: "203.0.113.7")), "Downloaded from 203.0.113.7"),
        (.displayed(DisplayedPayload(by: "dana@acme.test", disposition: "manual-action/MDN-sent-manually; displayed")),
         "Opened by dana@acme.test (read receipt)"),
        (.displayed(DisplayedPayload(by: nil)), "Opened (read receipt)"),
        (.read(ReadPayload(by: "dana@acme.test")), "Read by dana@acme.test"),
        (.bounced(BouncedPayload(recipient: "bo@acme.test", status: "5.1.1", action: "failed", diagnostic: "smtp; no such mailbox")),
         "Returned undelivered for bo@acme.test: 5.1.1 (no such mailbox)"),
        (.bounced(BouncedPayload(recipient: "bo@acme.test", status: "5.1.1")), "Returned undelivered for bo@acme.test: 5.1.1"),
        (.bounced(BouncedPayload(recipient: nil, status: nil, diagnostic: "550 mailbox full")), "Returned undelivered: 550 mailbox full"),
        (.bounced(BouncedPayload(recipient: "bo@acme.test", status: "4.4.1", action: "delayed", diagnostic: "X-Postfix; connect timed out")),
         "Not delivered yet for bo@acme.test: 4.4.1 (connect timed out); the mail server is still trying"),
        (.amended(AmendedPayload(entry: 3, field: "end", old: "2026-11-20T13:05:00+01:00", new: "2026-11-20T13:20:00+01:00", reason: "forgot to stop", entrySHA256: "cd")),
         "Time entry 3 amended after it was sent: end changed from 2026-11-20 13:05 to 2026-11-20 13:20 (forgot to stop)"),
        (.unreadable(kind: "archived_copy", fields: ["where": "vault"]), "archived copy; where: vault"),
    ])
    func sentence(payload: LedgerEventPayload, expected: String) {
        let detail: [(String, String)] = if case .unreadable(_, let fields) = payload { fields.sorted { $0.key < $1.key } } else { [] }
        let event = Receipt.Event(seq: 1, at: "2026-11-03T15:01:00+01:00", kind: "x", detail: detail, payload: payload)
        var delivery = Self.delivery
        delivery.timeline = [event]
        let receipt = Receipt(
            project: "acme", projectName: "Acme", from: nil, to: nil, generatedAt: "2026-11-30T19:00:00+01:00", timeZone: "Europe/Berlin",
            rounding: "none", deliveries: [delivery], months: [], totals: .init(handoffs: 1, sent: 1, files: 0, bytes: 0, entries: 0, rawSeconds: 0, billedSeconds: 0),
            retainer: [], chainHead: "00", chainLength: 1)
        #expect(receipt.markdown.contains("| 2026-11-03 15:01 | \(Self.markdown(expected)) |"), "\(receipt.markdown)")
    }

    /// The expected sentence as the Markdown table escapes it.
    static func markdown(_ text: String) -> String {
        text.replacingOccurrences(of: "_", with: "\\_")
    }

    @Test("in HTML a hash is shortened, with the full value in its title")
    func hashTitle() throws {
        let receipt = try ReceiptFixture().receipt()
        let full = String(repeating: "ab", count: 32)
        #expect(receipt.html.contains(#"SHA-256 <code class="hash" title="\#(full)">abababababab…</code>"#))
    }
}
