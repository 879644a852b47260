import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import Testing

@Suite("Blind copies stay blind in everything a client sees")
struct BlindCopyTests {
    @Test("a receipt shows how many Bcc recipients there were, never who; the VA's ledger keeps them")
    func receiptHidesBcc() async throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let hidden = try EmailAddress(parsing: "Silent Partner <Partner@acme.test>")
        let handoff = try gateway.deliver(
            path: try workspace.deliverable(), project: "acme", cc: [try EmailAddress(parsing: "office@acme.test")],
            bcc: [hidden], now: try at("2026-11-30 10:00")).record.handoffID
        let report = try await gateway.drain()
        #expect(report.failures.isEmpty)
        #expect(try await gateway.store.handoff(handoff)?.status == .sent)

        // The VA's own ledger names the blind copy: it is the VA's record.
        let sent = try #require(try await gateway.store.ledgerEvents(handoff: handoff).first { $0.kind == "sent" })
        #expect(sent.detail.lowercased().contains("partner@acme.test"))

        let receipt = try gateway.receipt(project: "acme", from: nil, to: nil, now: try at("2026-11-30 12:00"), clock: berlin)
        let signed = String(decoding: try gateway.signedReceipt(receipt), as: UTF8.self)
        for (format, text) in [("text", receipt.markdown), ("html", receipt.html), ("csv", receipt.csv), ("signed json", signed)] {
            #expect(!text.lowercased().contains("partner@acme.test"), "the \(format) receipt names the Bcc recipient")
            #expect(!text.contains("Silent Partner"), "the \(format) receipt names the Bcc recipient")
        }
        let delivery = try #require(receipt.deliveries.first)
        #expect(delivery.bccCount == 1)
        let sentEvent = try #require(delivery.timeline.first { $0.kind == "sent" })
        let detail = Dictionary(uniqueKeysWithValues: sentEvent.detail)
        #expect(detail["accepted"] == "dana@acme.test, office@acme.test")
        #expect(detail["bcc_accepted"] == "1")
    }

    @Test("refusals and free text lose the address too, whatever its case", arguments: [
        (SentPayload(refused: "a@acme.test: 550 no; hidden@acme.test: 550 no such user"), [("bcc_refused", "1"), ("refused", "a@acme.test: 550 no")]),
        (SentPayload(accepted: "HIDDEN@acme.test"), [("bcc_accepted", "1")]),
        (SentPayload(reply: "250 ok for Hidden@Acme.test"), [("reply", "250 ok for [bcc]")]),
    ])
    func scrubbing(input: SentPayload, expected: [(String, String)]) throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let handoff = try gateway.deliver(
            path: try workspace.deliverable(), project: "acme", bcc: [try EmailAddress(parsing: "hidden@acme.test")],
            now: try at("2026-11-30 10:00")).record.handoffID
        // An event as an older version wrote it, with the address in the clear.
        try gateway.store.appendLedger(project: try ProjectID("acme"), handoff: handoff, payload: input, at: try at("2026-11-30 10:05"))
        let receipt = try gateway.receipt(project: "acme", from: nil, to: nil, now: try at("2026-11-30 12:00"), clock: berlin)
        let event = try #require(receipt.deliveries.first?.timeline.last)
        #expect(event.detail.map(\.0) == expected.map(\.0))
        #expect(event.detail.map(\.1) == expected.map(\.1))
    }
}
