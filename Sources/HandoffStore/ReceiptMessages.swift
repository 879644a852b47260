import Foundation
import GRDB
import HandoffCore

/// One row of `receiptMessage`: a receipt waiting to be mailed, or mailed.
public struct ReceiptMessageRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "receiptMessage"
    public var id: String
    public var projectId: String
    public var recipients: String
    public var folder: String
    public var jsonSha256: String
    public var chainHead: String
    public var status: Status
    public var messageId: String?
    public var serverReply: String?
    public var createdAt: Date
    public var sentAt: Date?

    public init(
        id: String, projectId: String, recipients: Recipients, folder: String, jsonSha256: String, chainHead: String,
        createdAt: Date
    ) throws(HandoffError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(recipients) else {
            throw .internal("Could not encode the recipients of receipt \(id).")
        }
        self.id = id
        self.projectId = projectId
        self.recipients = String(decoding: data, as: UTF8.self)
        self.folder = folder
        self.jsonSha256 = jsonSha256
        self.chainHead = chainHead
        self.status = .queued
        self.createdAt = createdAt.wholeMilliseconds
    }

    public func decodedRecipients() throws(HandoffError) -> Recipients {
        do {
            return try JSONDecoder().decode(Recipients.self, from: Data(recipients.utf8))
        } catch {
            throw .internal("Receipt \(id) has unreadable recipients in the store: \(error)")
        }
    }
}

extension ReceiptMessageRecord {
    /// Where a receipt's mail stands.
    public enum Status: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
        case queued
        /// Its Message-ID is recorded and the send has started.
        case sending
        case sent
    }

    /// Reads a row, refusing a status this version does not know.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        projectId = try row.decode(forColumn: "projectId")
        recipients = try row.decode(forColumn: "recipients")
        folder = try row.decode(forColumn: "folder")
        jsonSha256 = try row.decode(forColumn: "jsonSha256")
        chainHead = try row.decode(forColumn: "chainHead")
        status = try row.stored("status", table: Self.databaseTableName, row: id)
        messageId = try row.decode(forColumn: "messageId")
        serverReply = try row.decode(forColumn: "serverReply")
        createdAt = try row.decode(forColumn: "createdAt")
        sentAt = try row.decode(forColumn: "sentAt")
    }
}

/// Receipts go out through the same durable queue as deliveries: the row and its job are
/// written together, and the job finds its row by the job's idempotency key.
extension HandoffStore {
    static func receiptJobKey(_ id: String) -> String { "receipt:" + id }

    public func queueReceipt(_ record: ReceiptMessageRecord, maxAttempts: Int, now: Date = Date()) throws(HandoffError) {
        try write("queue a receipt") { db in
            try record.insert(db)
            _ = try Self.enqueue(
                db, NewJob(kind: .receipt, idempotencyKey: Self.receiptJobKey(record.id), maxAttempts: maxAttempts, runAt: now), now: now)
        }
    }

    /// The receipt a `receipt` job sends.
    public func receiptMessage(for job: JobRecord) throws(HandoffError) -> ReceiptMessageRecord? {
        guard let id = Self.receiptID(of: job) else { return nil }
        return try read("read a receipt", Self.findingReceipt(id))
    }

    public func receiptMessage(for job: JobRecord) async throws(HandoffError) -> ReceiptMessageRecord? {
        guard let id = Self.receiptID(of: job) else { return nil }
        return try await read("read a receipt", Self.findingReceipt(id))
    }

    static func receiptID(of job: JobRecord) -> String? {
        let prefix = receiptJobKey("")
        guard job.idempotencyKey.hasPrefix(prefix) else { return nil }
        return String(job.idempotencyKey.dropFirst(prefix.count))
    }

    static func findingReceipt(_ id: String) -> @Sendable (Database) throws -> ReceiptMessageRecord? {
        { db in try ReceiptMessageRecord.fetchOne(db, key: id) }
    }

    public func receiptMessages(project: ProjectID) throws(HandoffError) -> [ReceiptMessageRecord] {
        try read("list receipts") { db in
            try ReceiptMessageRecord.filter(Column("projectId") == project.rawValue).order(Column("createdAt")).fetchAll(db)
        }
    }

    /// Records the Message-ID before the send starts (see `markSending` for handoffs).
    public func markReceiptSending(_ id: String, messageID: String) throws(HandoffError) {
        try write("mark a receipt as sending", Self.markingReceiptSending(id, messageID: messageID))
    }

    public func markReceiptSending(_ id: String, messageID: String) async throws(HandoffError) {
        try await write("mark a receipt as sending", Self.markingReceiptSending(id, messageID: messageID))
    }

    static func markingReceiptSending(_ id: String, messageID: String) -> @Sendable (Database) throws -> Void {
        { db in
            try db.execute(sql: "UPDATE receiptMessage SET status = ?, messageId = ? WHERE id = ?", arguments: [ReceiptMessageRecord.Status.sending, messageID, id])
        }
    }

    /// Records the send and its `receipt_sent` ledger event in one transaction.
    public func markReceiptSent(_ id: String, serverReply: String, event: ReceiptSentPayload, now: Date = Date()) throws(HandoffError) {
        try write("record a sent receipt", Self.markingReceiptSent(id, serverReply: serverReply, event: event, now: now))
    }

    public func markReceiptSent(_ id: String, serverReply: String, event: ReceiptSentPayload, now: Date = Date()) async throws(HandoffError) {
        try await write("record a sent receipt", Self.markingReceiptSent(id, serverReply: serverReply, event: event, now: now))
    }

    static func markingReceiptSent(_ id: String, serverReply: String, event: ReceiptSentPayload, now: Date) -> @Sendable (Database) throws -> Void {
        { db in
            guard var row = try ReceiptMessageRecord.fetchOne(db, key: id) else {
                throw HandoffError.internal("Receipt \(id) is not in the store.")
            }
            row.status = .sent
            row.serverReply = serverReply
            row.sentAt = now.wholeMilliseconds
            try row.update(db)
            var event = event
            event.receipt = id
            event.jsonSHA256 = row.jsonSha256
            event.chainHead = row.chainHead
            event.reply = serverReply
            try Self.appendEvent(db, project: row.projectId, handoff: nil, payload: event, at: now)
        }
    }
}
