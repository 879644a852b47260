import Foundation
import HandoffCore
import Testing

@Suite("Ledger payloads keep the flat wire format")
struct LedgerPayloadTests {
    /// Payloads next to the fields the writers stored before the payload types existed.
    static let wire: [(any LedgerPayload, [String: String])] = [
        (QueuedPayload(source: "/outbox/acme/brochure", to: "dana@acme.test", bccCount: 0, route: "auto"),
         ["source": "/outbox/acme/brochure", "to": "dana@acme.test", "bcc_count": "0", "route": "auto"]),
        (PackagedPayload(file: "brochure.zip", format: "zip", size: 48213, sha256: "abab", files: 2, encrypted: false),
         ["file": "brochure.zip", "format": "zip", "size": "48213", "sha256": "abab", "files": "2", "encrypted": "no"]),
        (SentPayload(messageID: "<H-1.A@va.test>", route: "email", accepted: "dana@acme.test", resumed: true, reply: "250 ok"),
         ["message_id": "<H-1.A@va.test>", "route": "email", "accepted": "dana@acme.test", "resumed": "yes", "reply": "250 ok"]),
        (RetryingPayload(attempt: 2, error: "421 busy", nextAttemptInSeconds: 60),
         ["attempt": "2", "error": "421 busy", "next_attempt_in_s": "60"]),
        (BilledPayload(entries: [1, 2], seconds: 9720, running: []), ["entries": "1,2", "seconds": "9720"]),
        (AmendedPayload(entry: 3, field: "memo", old: "", new: "Report", reason: "typo", entrySHA256: "cd"),
         ["entry": "3", "field": "memo", "old": "", "new": "Report", "reason": "typo", "entry_sha256": "cd"]),
        (NoticeSentPayload(to: "pat@va.test", messageID: "<n@va.test>", failureSeq: 7, reply: "250 ok"),
         ["to": "pat@va.test", "message_id": "<n@va.test>", "failure_seq": "7", "reply": "250 ok"]),
        (CancelledPayload(), [:]),
    ]

    @Test("each payload writes the keys and text values the ledger has always held, and reads back the same", arguments: 0..<wire.count)
    func roundTrip(index: Int) throws {
        let (payload, fields) = Self.wire[index]
        #expect(try LedgerFields.encode(payload) == fields)
        let read = LedgerEventPayload(kind: type(of: payload).kind.rawValue, fields: fields)
        if case .unreadable = read { Issue.record("\(type(of: payload)) did not read back: \(read)") }
        #expect(try LedgerFields.encode(Self.reencoded(read)) == fields)
    }

    @Test("an event written before a key existed reads, with that key absent")
    func olderEvent() {
        guard case .packaged(let packaged) = LedgerEventPayload(kind: "packaged", fields: ["file": "a.zip", "size": "10", "sha256": "ab"]) else {
            Issue.record("an old packaged event did not read")
            return
        }
        #expect(packaged.file == "a.zip")
        #expect(packaged.size == 10)
        #expect(packaged.files == nil)
        #expect(packaged.encrypted == nil)
    }

    @Test("keys a newer version added are ignored")
    func newerKeys() {
        let read = LedgerEventPayload(kind: "downloaded", fields: ["from": "203.0.113.7", "agent": "curl/8"])
        #expect(read == .downloaded(DownloadedPayload(from: "203.0.113.7")))
    }

    @Test("an unknown kind or a value that is not what its key holds is kept as written, not trusted and not fatal", arguments: [
        ("archived", ["why": "old"]),
        ("packaged", ["size": "large"]),
        ("sent", ["resumed": "true"]),
    ])
    func unreadable(kind: String, fields: [String: String]) {
        #expect(LedgerEventPayload(kind: kind, fields: fields) == .unreadable(kind: kind, fields: fields))
    }

    struct Listed: LedgerPayload {
        static let kind = LedgerEventKind.queued
        var to: [String]
    }

    @Test("a payload that is not flat text is refused before anything is stored")
    func refusesLists() {
        let error = #expect(throws: HandoffError.self) { try LedgerFields.encode(Listed(to: ["a@b.test"])) }
        #expect(error?.kind == .internal)
        #expect(error?.message.contains("a list at 'to'") == true)
    }

    @Test("a value stored as text is written as its text")
    func textValues() throws {
        struct Addressed: Codable { var to: EmailAddress }
        let fields = try LedgerFields.encode(Addressed(to: try EmailAddress(parsing: "Dana <dana@acme.test>")))
        #expect(fields == ["to": "Dana <dana@acme.test>"])
        #expect(try LedgerFields.decode(Addressed.self, from: fields).to.address == "dana@acme.test")
    }

    static func reencoded(_ payload: LedgerEventPayload) -> any LedgerPayload {
        switch payload {
        case .queued(let p): p
        case .packaged(let p): p
        case .sent(let p): p
        case .published(let p): p
        case .possiblySent(let p): p
        case .retrying(let p): p
        case .failed(let p): p
        case .cancelled(let p): p
        case .downloaded(let p): p
        case .read(let p): p
        case .displayed(let p): p
        case .bounced(let p): p
        case .billed(let p): p
        case .amended(let p): p
        case .receiptSent(let p): p
        case .noticeSent(let p): p
        case .unreadable: CancelledPayload()
        }
    }
}
