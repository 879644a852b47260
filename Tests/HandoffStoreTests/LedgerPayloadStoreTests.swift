import Foundation
import GRDB
import HandoffCore
import Testing
@testable import HandoffStore

@Suite("Ledger payloads in the store")
struct LedgerPayloadStoreTests {
    /// A `sent` event as an earlier version stored it, hash and all, frozen here: the
    /// payload types must leave such rows verifying and readable.
    static let frozenDetail = #"{"accepted":"dana@acme.test","location":"/srv/va/var/sent/H-OLD.eml","message_id":"<H-OLD.A@va.test>","reply":"written to H-OLD.eml","route":"email"}"#
    static let frozenHash = "1e0eb0b40ada8eb2cb9a6fe2b0bc2af9624e489350cec1d3cfb8f7b810747312"

    @Test("an event written before the payload types verifies and reads as its payload")
    func frozenEvent() throws {
        let temp = try TemporaryStore()
        try temp.store.pool.write { db in
            var record = LedgerEventRecord(
                id: nil, projectId: "acme", seq: 1, handoffId: "H-OLD", kind: "sent", at: Date(timeIntervalSince1970: 1_800_000_000),
                detail: Self.frozenDetail, prevHash: HandoffStore.genesisHash, hash: Self.frozenHash)
            try record.insert(db)
        }
        #expect(try temp.store.verifyLedger().first?.problem == nil)
        let event = try #require(try temp.store.ledgerEvents(handoff: HandoffID(rawValue: "H-OLD")).first)
        guard case .sent(let sent) = event.payload else {
            Issue.record("the frozen event did not read as sent: \(event.payload)")
            return
        }
        #expect(sent.accepted == "dana@acme.test")
        #expect(sent.location == "/srv/va/var/sent/H-OLD.eml")
        #expect(sent.partial == nil)
    }

    @Test("the same payload written today is stored as exactly the text the earlier version wrote")
    func sameText() throws {
        let temp = try TemporaryStore()
        let payload = SentPayload(
            messageID: "<H-OLD.A@va.test>", route: "email", accepted: "dana@acme.test", reply: "written to H-OLD.eml",
            location: "/srv/va/var/sent/H-OLD.eml")
        let record = try temp.store.appendLedger(project: temp.project.id, handoff: HandoffID(rawValue: "H-OLD"), payload: payload, at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(record.detail == Self.frozenDetail)
        #expect(record.hash == Self.frozenHash)
    }

    @Test("a send locks its billed entries: the store adds their hashes to the payload")
    func sendRecordsSnapshots() throws {
        let temp = try TemporaryStore()
        let entry = try temp.store.addTimeEntry(
            .init(project: temp.project.id, start: Date(timeIntervalSince1970: 1_799_990_000), end: Date(timeIntervalSince1970: 1_799_993_600), memo: "draft"),
            now: Date(timeIntervalSince1970: 1_800_000_000), clock: WallClock(zone: TimeZone(identifier: "UTC") ?? .current))
        let queued = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: Date(timeIntervalSince1970: 1_800_000_000))
        let id = queued.record.handoffID
        try temp.store.markSent(id, serverReply: "250 ok", event: SentPayload(route: "email"))
        let sent = try #require(try temp.store.ledgerEvents(handoff: id).last?.payload)
        guard case .sent(let payload) = sent else {
            Issue.record("the last event is not sent: \(sent)")
            return
        }
        #expect(payload.reply == "250 ok")
        #expect(payload.entriesSHA256?.hasPrefix("\(entry.id)=") == true)
    }
}
