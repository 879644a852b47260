import Foundation
import GRDB
import HandoffCore
import Testing
@testable import HandoffStore

@Suite("Enum columns read back typed, and an unknown value is named, never guessed")
struct StoredValueTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A handoff and its job as the version with text columns wrote them, past every check.
    func insertRaw(_ temp: TemporaryStore, status: String, jobKind: String = "deliver", jobState: String = "queued") throws {
        try temp.store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO handoff (id, projectId, sourceKind, sourcePath, recipients, route, decidedRoute, encrypt, status,
                                     createdAt, updatedAt)
                VALUES ('h-old', 'acme', 'outbox', '/srv/outbox/acme/report', '{"bcc":[],"cc":[],"to":[]}', 'auto', 'link', 0, ?,
                        '2027-01-15 08:00:00.000', '2027-01-15 08:00:00.000')
                """, arguments: [status])
            try db.execute(sql: """
                INSERT INTO job (kind, handoffId, state, priority, runAt, attempts, maxAttempts, idempotencyKey, createdAt, updatedAt)
                VALUES (?, 'h-old', ?, 0, '2027-01-15 08:00:00.000', 0, 3, 'deliver:h-old', '2027-01-15 08:00:00.000', '2027-01-15 08:00:00.000')
                """, arguments: [jobKind, jobState])
        }
    }

    @Test("a row written before the columns were typed reads back as the same values")
    func previousVersionRow() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, status: "possibly_sent")
        let record = try #require(try temp.store.handoff(HandoffID(rawValue: "h-old")))
        #expect(record.status == .possiblySent)
        #expect(record.sourceKind == .outbox)
        #expect(record.source == .outbox(folder: "/srv/outbox/acme/report"))
        #expect(record.route == .auto)
        #expect(record.decidedRoute == .link)
        let job = try #require(try temp.store.job(forHandoff: record.handoffID))
        #expect(job.kind == .deliver)
        #expect(job.state == .queued)
    }

    @Test("a typed row is stored as the same text as before")
    func storedText() throws {
        let temp = try TemporaryStore()
        let queued = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: start)
        let row = try #require(try temp.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT h.status, h.sourceKind, h.route, j.kind, j.state FROM handoff h JOIN job j ON j.handoffId = h.id WHERE h.id = ?",
                             arguments: [queued.record.id])
        })
        #expect(row["status"] as String == "queued")
        #expect(row["sourceKind"] as String == "path")
        #expect(row["route"] as String == "email")
        #expect(row["kind"] as String == "deliver")
        #expect(row["state"] as String == "queued")
    }

    @Test("an unknown status is an error naming the table, the row, the column and the value")
    func unknownStatus() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, status: "archived")
        let stored = #expect(throws: StoreError.self) {
            try temp.store.pool.read { db in try HandoffRecord.find(db, id: "h-old") }
        }
        #expect(stored?.reason == .unknownValue)
        let error = #expect(throws: HandoffError.self) { try temp.store.handoff(HandoffID(rawValue: "h-old")) }
        #expect(error?.kind == .internal)
        #expect(error?.message.hasPrefix("Row h-old of table handoff cannot be read: its status is 'archived', which this version of Handoff does not know") == true)
    }

    @Test("an unknown job state is named too, not taken for failed")
    func unknownJobState() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, status: "queued", jobState: "paused")
        let error = #expect(throws: HandoffError.self) { try temp.store.jobs() }
        #expect(error?.message.hasPrefix("Row 1 of table job cannot be read: its state is 'paused'") == true)
    }

    @Test("a job of a kind this version does not know is left for the version that queued it")
    func unknownKindIsNotClaimed() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, status: "queued", jobKind: "transcode")
        #expect(try temp.store.claimJob(kinds: [.deliver], worker: "w", leaseSeconds: 60, now: start) == nil)
        let queued = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: start)
        let claimed = try #require(try temp.store.claimJob(kinds: [.deliver], worker: "w", leaseSeconds: 60, now: start))
        #expect(claimed.handoffId == queued.record.id)
    }

    @Test("a kind the claiming gateway runs is claimed, whatever its name")
    func claimedByKinds() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, status: "queued", jobKind: "transcode")
        let transcode = try #require(JobKind(rawValue: "transcode"))
        let claimed = try #require(try temp.store.claimJob(kinds: [.deliver, transcode], worker: "w", leaseSeconds: 60, now: start))
        #expect(claimed.kind == transcode)
        #expect(try temp.store.claimJob(kinds: [], worker: "w", leaseSeconds: 60, now: start) == nil)
    }

    @Test("a kind that is not lower-case letters, digits, '_' or '-' is refused", arguments: ["", "Deliver", "deliver job", "dé", "a/b"])
    func invalidKindText(_ text: String) {
        #expect(JobKind(rawValue: text) == nil)
    }

    @Test("a stored kind that is no valid kind is named, not guessed at")
    func invalidStoredKind() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, status: "queued", jobKind: "Deliver Now")
        let error = #expect(throws: HandoffError.self) { try temp.store.jobs() }
        #expect(error?.message.hasPrefix("Row 1 of table job cannot be read: its kind is 'Deliver Now'") == true)
    }

    @Test("a job kind is stored and encoded as its text")
    func kindAsText() throws {
        #expect(JobKind(rawValue: "ack_2-b")?.rawValue == "ack_2-b")
        #expect(String(decoding: try JSONEncoder().encode(JobKind.receipt), as: UTF8.self) == "\"receipt\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JobKind.self, from: Data("\"Receipt\"".utf8)) }
    }

    @Test("an unknown receipt mail status is named")
    func unknownReceiptStatus() throws {
        let temp = try TemporaryStore()
        let record = try ReceiptMessageRecord(
            id: "r-1", projectId: "acme", recipients: Recipients(to: temp.project.contacts), folder: "/srv/receipts/r-1",
            jsonSha256: "00", chainHead: "00", createdAt: start)
        try temp.store.queueReceipt(record, maxAttempts: 3, now: start)
        #expect(try temp.store.receiptMessages(project: temp.project.id).map(\.status) == [.queued])
        try temp.store.pool.write { db in try db.execute(sql: "UPDATE receiptMessage SET status = 'bounced'") }
        let error = #expect(throws: HandoffError.self) { try temp.store.receiptMessages(project: temp.project.id) }
        #expect(error?.message.hasPrefix("Row r-1 of table receiptMessage cannot be read: its status is 'bounced'") == true)
    }
}
