import Foundation
import HandoffCore
import HandoffTestSupport
import Testing
@testable import HandoffStore

@Suite("Storing inbound mail: once per mailbox message, once per content, with its checkpoint")
struct InboundRecordingTests {
    @Test("the same mailbox key twice makes one request and one row")
    func sameKeyTwice() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let first = try await store.reserveRequestID()
        let stored = try await store.recordInbound(incoming(), placement: .newRequest(first, project: fixture.project.id), checkpoint: nil)
        #expect(stored == .request(first, newRequest: true))
        let second = try await store.reserveRequestID()
        let again = try await store.recordInbound(incoming(), placement: .newRequest(second, project: fixture.project.id), checkpoint: nil)
        #expect(again == .request(first, newRequest: false))
        #expect(try await store.requests().map(\.id) == [first.rawValue])
        #expect(try await store.knownInboundKeys(mailbox: "inbox", uidValidity: 7, keys: ["1", "2"]) == ["1"])
        #expect(try await store.knownInboundKeys(mailbox: "inbox", uidValidity: 8, keys: ["1"]).isEmpty)
    }

    @Test("the same Message-ID and content from another mailbox is a duplicate; other content is new")
    func contentDuplicates() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let first = try await store.reserveRequestID()
        _ = try await store.recordInbound(incoming(), placement: .newRequest(first, project: nil), checkpoint: nil)
        #expect(try await store.inboundDuplicate(messageID: "<m1@acme.test>", sha256: "aa") == .request(first, newRequest: false))
        #expect(try await store.inboundDuplicate(messageID: "m1@acme.test", sha256: "other") == nil)

        let copy = try await store.recordInbound(
            incoming(mailbox: "archive", uid: 40), placement: .newRequest(try await store.reserveRequestID(), project: nil), checkpoint: nil)
        #expect(copy == .request(first, newRequest: false))
        #expect(try await store.knownInboundKeys(mailbox: "archive", uidValidity: 7, keys: ["40"]) == ["40"])

        let reused = try await store.reserveRequestID()
        let changed = try await store.recordInbound(
            incoming(uid: 2, sha256: "cc"), placement: .newRequest(reused, project: nil), checkpoint: nil)
        #expect(changed == .request(reused, newRequest: true))
        #expect(try await store.requests().count == 2)
    }

    @Test("a message without Message-ID is a duplicate only with the same bytes")
    func noMessageID() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        #expect(try await store.recordInbound(incoming(messageID: nil), placement: .report, checkpoint: nil) == .report)
        #expect(try await store.inboundDuplicate(messageID: nil, sha256: "aa") == .report)
        #expect(try await store.inboundDuplicate(messageID: nil, sha256: "bb") == nil)
        #expect(try await store.recordInbound(incoming(uid: 2, messageID: nil, sha256: "bb"), placement: .ignored(reason: "auto-reply"), checkpoint: nil) == .ignored)
    }

    @Test("the checkpoint moves with the message, and stays put when storing fails")
    func checkpointInTheSameTransaction() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let request = try await store.reserveRequestID()
        let checkpoint = MailboxCheckpoint(mailbox: "inbox", uidValidity: 7, lastUID: 1)
        _ = try await store.recordInbound(incoming(), placement: .newRequest(request, project: nil), checkpoint: checkpoint)
        #expect(try await store.mailboxCheckpoint("inbox") == checkpoint)

        // Joining a request that does not exist fails: neither the message nor the checkpoint is stored.
        await #expect(throws: HandoffError.self) {
            try await store.recordInbound(
                incoming(uid: 2, sha256: "bb"), placement: .join(RequestID(number: 999)),
                checkpoint: MailboxCheckpoint(mailbox: "inbox", uidValidity: 7, lastUID: 2))
        }
        #expect(try await store.mailboxCheckpoint("inbox") == checkpoint)
        #expect(try await store.knownInboundKeys(mailbox: "inbox", uidValidity: 7, keys: ["2"]).isEmpty)

        // A new project that is not in the store is a foreign-key failure: same outcome.
        await #expect(throws: HandoffError.self) {
            try await store.recordInbound(
                incoming(uid: 3, sha256: "dd"), placement: .newRequest(try await store.reserveRequestID(), project: try ProjectID("ghost")),
                checkpoint: MailboxCheckpoint(mailbox: "inbox", uidValidity: 7, lastUID: 3))
        }
        #expect(try await store.mailboxCheckpoint("inbox") == checkpoint)
    }

    @Test("a checkpoint never goes back under one UIDVALIDITY, and a new UIDVALIDITY replaces it")
    func checkpointOrder() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        _ = try await store.recordInbound(incoming(uid: 5, sha256: "a5"), placement: .report, checkpoint: .init(mailbox: "inbox", uidValidity: 7, lastUID: 5))
        _ = try await store.recordInbound(incoming(uid: 3, sha256: "a3"), placement: .report, checkpoint: .init(mailbox: "inbox", uidValidity: 7, lastUID: 3))
        #expect(try await store.mailboxCheckpoint("inbox")?.lastUID == 5)
        _ = try await store.recordInbound(incoming(uidValidity: 9, uid: 2, sha256: "b2"), placement: .report, checkpoint: .init(mailbox: "inbox", uidValidity: 9, lastUID: 2))
        #expect(try await store.mailboxCheckpoint("inbox") == MailboxCheckpoint(mailbox: "inbox", uidValidity: 9, lastUID: 2))
        #expect(try await store.mailboxCheckpoint("other") == nil)
        // The whole unsigned range survives SQLite's signed integers.
        let huge = MailboxCheckpoint(mailbox: "huge", uidValidity: .max, lastUID: .max)
        _ = try await store.recordInbound(incoming(mailbox: "huge", uidValidity: .max, uid: .max, sha256: "ff"), placement: .report, checkpoint: huge)
        #expect(try await store.mailboxCheckpoint("huge") == huge)
        #expect(try await store.knownInboundKeys(mailbox: "huge", uidValidity: .max, keys: [String(UInt32.max)]) == [String(UInt32.max)])
    }

    @Test("a joined message and its attachments are read back with the request, which opens again")
    func joinAndDetail() async throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let request = try await store.reserveRequestID()
        _ = try await store.recordInbound(incoming(), placement: .newRequest(request, project: fixture.project.id), checkpoint: nil)
        _ = try await store.closeRequest(request.rawValue)
        let joined = try await store.recordInbound(
            incoming(uid: 2, messageID: "m2@acme.test", sha256: "bb", subject: "Re: Listing photos", attachments: [photo]),
            placement: .join(request), checkpoint: nil)
        #expect(joined == .request(request, newRequest: false))
        let detail = try #require(try await store.requestDetail(request))
        #expect(detail.summary.project == fixture.project.id)
        #expect(detail.summary.state == .open)
        #expect(detail.summary.closedAt == nil)
        #expect(detail.summary.messageCount == 2)
        #expect(detail.summary.attachmentCount == 1)
        #expect(detail.summary.subject == "Listing photos")
        #expect(detail.messages.map(\.messageID) == ["m1@acme.test", "m2@acme.test"])
        #expect(detail.messages[1].attachments == [photo])
        #expect(detail.messages[0].defects == ["missing closing boundary"])
        #expect(try await store.requestDetail(RequestID(number: 999)) == nil)
    }
}
