import Foundation
import HandoffCore
import Testing

@Suite("Bounces and read receipts in the ledger")
struct LedgerReportPayloadTests {
    /// The detail text the store hashes: the fields as a JSON object with sorted keys.
    static func detail(_ fields: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(fields), as: UTF8.self)
    }

    @Test("a bounce written before action, diagnostic and original_message_id existed keeps its exact bytes, so its hash")
    func oldBounceUnchanged() throws {
        let old = ["recipient": "bo@acme.test", "status": "5.1.1 (no such mailbox)"]
        guard case .bounced(let bounced) = LedgerEventPayload(kind: "bounced", fields: old) else {
            Issue.record("an old bounced event did not read")
            return
        }
        #expect(bounced.action == nil && bounced.diagnostic == nil && bounced.originalMessageID == nil)
        let rewritten = try LedgerFields.encode(bounced)
        #expect(rewritten == old)
        #expect(try Self.detail(rewritten) == #"{"recipient":"bo@acme.test","status":"5.1.1 (no such mailbox)"}"#)
        #expect(try LedgerFields.encode(BouncedPayload(recipient: "bo@acme.test", status: "5.1.1 (no such mailbox)")) == old)
    }

    @Test("a bounce and a displayed receipt write snake_case keys and read back the same", arguments: [
        (LedgerEventPayload.bounced(BouncedPayload(
            recipient: "bo@acme.test", status: "5.1.1", action: "failed", diagnostic: "smtp; 550 5.1.1 no such mailbox",
            originalMessageID: "H-1.A@va.test")),
         "bounced",
         ["recipient": "bo@acme.test", "status": "5.1.1", "action": "failed", "diagnostic": "smtp; 550 5.1.1 no such mailbox",
          "original_message_id": "H-1.A@va.test"]),
        (.displayed(DisplayedPayload(by: "dana@acme.test", disposition: "manual-action/MDN-sent-manually; displayed", originalMessageID: "H-1.A@va.test")),
         "displayed",
         ["by": "dana@acme.test", "disposition": "manual-action/MDN-sent-manually; displayed", "original_message_id": "H-1.A@va.test"]),
        (.displayed(DisplayedPayload(by: nil)), "displayed", [:]),
    ])
    func roundTrip(payload: LedgerEventPayload, kind: String, fields: [String: String]) throws {
        let encoded: [String: String] = switch payload {
        case .bounced(let bounced): try LedgerFields.encode(bounced)
        case .displayed(let displayed): try LedgerFields.encode(displayed)
        default: [:]
        }
        #expect(encoded == fields)
        #expect(LedgerEventPayload(kind: kind, fields: fields) == payload)
    }

    @Test("a read event of an older ledger still reads as a read receipt")
    func oldRead() {
        #expect(LedgerEventPayload(kind: "read", fields: ["by": "dana@acme.test"]) == .read(ReadPayload(by: "dana@acme.test")))
        #expect(LedgerEventKind(rawValue: "read") == .read)
        #expect(LedgerEventKind(rawValue: "displayed") == .displayed)
    }
}
