import Foundation
import GRDB
import HandoffCore

/// The inbox's side of the store: what each mailbox has seen, and storing one message with
/// its request and checkpoint in a single transaction.
extension HandoffStore {
    public func mailboxCheckpoint(_ mailbox: String) async throws(HandoffError) -> MailboxCheckpoint? {
        try await lookup("read the checkpoint of mailbox \(mailbox)") { db in try Self.checkpoint(db, mailbox) }
    }

    static func checkpoint(_ db: Database, _ mailbox: String) throws -> MailboxCheckpoint? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT uidValidity, lastUID FROM mailboxCheckpoint WHERE mailbox = ?"), arguments: [mailbox]) else {
            return nil
        }
        // UIDVALIDITY goes in as the bit pattern of an Int64 (SQLite has no unsigned integers).
        let validity: Int64 = row["uidValidity"]
        let last: Int64 = row["lastUID"]
        guard let lastUID = UInt32(exactly: last) else {
            throw StoreError.unknownValue(table: "mailboxCheckpoint", row: mailbox, column: "lastUID", value: String(last))
        }
        return MailboxCheckpoint(mailbox: mailbox, uidValidity: UInt64(bitPattern: validity), lastUID: lastUID)
    }

    /// Which of `keys` were already stored from this mailbox under this UIDVALIDITY.
    public func knownInboundKeys(mailbox: String, uidValidity: UInt64, keys: [String]) async throws(HandoffError) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let validity = Int64(bitPattern: uidValidity)
        return try await read("look up the messages already stored from mailbox \(mailbox)") { db in
            var known: Set<String> = []
            // In slices: SQLite caps the number of bound values per statement.
            for start in stride(from: 0, to: keys.count, by: 500) {
                let slice = Array(keys[start..<min(start + 500, keys.count)])
                let marks = databaseQuestionMarks(count: slice.count)
                let found = try String.fetchAll(db, sql: "SELECT sourceKey FROM inboundMessage WHERE mailbox = ? AND uidValidity = ? AND sourceKey IN (\(marks))",
                    arguments: StatementArguments([mailbox, validity] as [any DatabaseValueConvertible]) + StatementArguments(slice))
                known.formUnion(found)
            }
            return known
        }
    }

    /// What became of a message with this Message-ID and content, or nil when none was
    /// stored: a reused Message-ID with other content is a new message, not a duplicate.
    public func inboundDuplicate(messageID: String?, sha256: String) async throws(HandoffError) -> InboundDisposition? {
        try await lookup("look up an inbound message") { db in
            try Self.duplicate(db, messageID: messageID.map(MessageIDForms.bare), sha256: sha256)?.disposition
        }
    }

    /// The first stored copy of a message, by Message-ID (or its absence) and content.
    static func duplicate(_ db: Database, messageID: String?, sha256: String) throws -> (disposition: InboundDisposition, row: Row)? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, disposition, requestId FROM inboundMessage WHERE messageId IS ? AND sha256 = ? ORDER BY id LIMIT 1"),
            arguments: [messageID, sha256])
        else { return nil }
        return (try disposition(row, newRequest: false), row)
    }

    static func disposition(_ row: Row, newRequest: Bool) throws -> InboundDisposition {
        let id = String(row["id"] as Int64)
        switch try row.stored("disposition", table: "inboundMessage", row: id) as StoredDisposition {
        case .report: return .report
        case .ignored: return .ignored
        case .request:
            let text: String? = row["requestId"]
            guard let text, let request = RequestID(rawValue: text) else {
                throw StoreError.unknownValue(table: "inboundMessage", row: id, column: "requestId", value: text ?? "NULL")
            }
            return .request(request, newRequest: newRequest)
        }
    }

    /// Stores one inbound message in one transaction: its row, the request it makes or
    /// joins with the text and attachment rows, and the mailbox checkpoint. Storing the
    /// same mailbox message again, or the same message (Message-ID and content) from
    /// another mailbox or after a UIDVALIDITY change, changes nothing but the checkpoint
    /// and answers what became of it the first time. A message joining a closed request
    /// opens it again.
    public func recordInbound(
        _ message: IncomingMessage, placement: InboundPlacement, checkpoint: MailboxCheckpoint?
    ) async throws(HandoffError) -> InboundDisposition {
        try await write("store an inbound message from mailbox \(message.mailbox)") { db in
            let disposition = try Self.storeInbound(db, message, placement: placement)
            if let checkpoint { try Self.advance(db, checkpoint, now: message.receivedAt) }
            return disposition
        }
    }

    /// The messages of one fetched batch, in order, and the checkpoint after the last, in
    /// one transaction: one commit for the batch instead of one per message, and the same
    /// all-or-nothing promise.
    public func recordInbound(
        _ batch: [(message: IncomingMessage, placement: InboundPlacement)], checkpoint: MailboxCheckpoint?
    ) async throws(HandoffError) -> [InboundDisposition] {
        guard let first = batch.first else { return [] }
        return try await write("store \(batch.count) inbound messages from mailbox \(first.message.mailbox)") { db in
            let dispositions = try batch.map { try Self.storeInbound(db, $0.message, placement: $0.placement) }
            if let checkpoint { try Self.advance(db, checkpoint, now: first.message.receivedAt) }
            return dispositions
        }
    }

    private static func storeInbound(_ db: Database, _ message: IncomingMessage, placement: InboundPlacement) throws -> InboundDisposition {
        let validity = Int64(bitPattern: message.uidValidity)
        if let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, disposition, requestId FROM inboundMessage WHERE mailbox = ? AND uidValidity = ? AND sourceKey = ?"),
            arguments: [message.mailbox, validity, message.key]) {
            return try disposition(row, newRequest: false)
        }
        let messageID = message.messageID.map(MessageIDForms.bare)
        if let first = try duplicate(db, messageID: messageID, sha256: message.sha256) {
            // The key is recorded too, so the next poll of this mailbox skips it at once.
            try insertInbound(
                db, message, messageID: messageID, disposition: first.row["disposition"] as DatabaseValue,
                request: first.row["requestId"] as String?, reason: "duplicate of inbound message \(first.row["id"] as Int64)")
            return first.disposition
        }
        switch placement {
        case .report:
            try insertInbound(db, message, messageID: messageID, disposition: StoredDisposition.report, request: nil, reason: nil)
            return .report
        case .ignored(let reason):
            try insertInbound(db, message, messageID: messageID, disposition: StoredDisposition.ignored, request: nil, reason: reason)
            return .ignored
        case .newRequest(let request, let project):
            try insertRequest(db, request, project: project, message: message, messageID: messageID)
            let inbound = try insertInbound(db, message, messageID: messageID, disposition: StoredDisposition.request, request: request.rawValue, reason: nil)
            try insertRequestMessage(db, message, messageID: messageID, request: request, inbound: inbound)
            return .request(request, newRequest: true)
        case .join(let request):
            guard try Bool.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM request WHERE id = ?"), arguments: [request.rawValue]) == true else {
                throw StoreError.noSuchRequest(request.rawValue)
            }
            let inbound = try insertInbound(db, message, messageID: messageID, disposition: StoredDisposition.request, request: request.rawValue, reason: nil)
            try insertRequestMessage(db, message, messageID: messageID, request: request, inbound: inbound)
            // The client wrote again: a closed request opens, or the VA would never see it.
            try db.cachedStatement(sql: "UPDATE request SET state = ?, closedAt = NULL WHERE id = ?").execute(arguments: [StoredRequestState.open, request.rawValue])
            return .request(request, newRequest: false)
        }
    }

    @discardableResult
    private static func insertInbound(
        _ db: Database, _ message: IncomingMessage, messageID: String?, disposition: (any DatabaseValueConvertible)?, request: String?, reason: String?
    ) throws -> Int64 {
        try db.cachedStatement(sql: """
                INSERT INTO inboundMessage (mailbox, uidValidity, sourceKey, uid, messageId, sha256, size, disposition, reason, requestId, receivedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [message.mailbox, Int64(bitPattern: message.uidValidity), message.key, Int64(message.uid), messageID,
                        message.sha256, message.size, disposition, reason, request, message.receivedAt])
        return db.lastInsertedRowID
    }

    private static func insertRequest(_ db: Database, _ request: RequestID, project: ProjectID?, message: IncomingMessage, messageID: String?) throws {
        try db.cachedStatement(sql: """
                INSERT INTO request (id, number, projectId, state, sender, senderName, subject, messageId, receivedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [request.rawValue, request.number, project?.rawValue, StoredRequestState.open, message.from, message.fromName,
                        message.subject, messageID, message.receivedAt])
        try keepNumbersAbove(db, request.number)
    }

    private static func insertRequestMessage(_ db: Database, _ message: IncomingMessage, messageID: String?, request: RequestID, inbound: Int64) throws {
        let defects = String(decoding: try JSONEncoder().encode(message.defects), as: UTF8.self)
        try db.cachedStatement(sql: """
                INSERT INTO requestMessage (requestId, inboundId, messageId, "from", fromName, subject, date, receivedAt, text, defects, headersOnly)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [request.rawValue, inbound, messageID, message.from, message.fromName, message.subject, message.date,
                        message.receivedAt, message.text, defects, message.headersOnly])
        let stored = db.lastInsertedRowID
        for file in message.attachments {
            try db.cachedStatement(sql: """
                    INSERT INTO requestAttachment (messageId, savedName, originalName, contentType, size, sha256, inline)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [stored, file.savedName, file.originalName, file.contentType, file.size, file.sha256, file.inline])
        }
    }

    /// Moves the checkpoint on. Under the same UIDVALIDITY it never goes back (messages
    /// stored out of order must not make the next poll fetch again); a new UIDVALIDITY
    /// replaces it.
    private static func advance(_ db: Database, _ checkpoint: MailboxCheckpoint, now: Date) throws {
        try db.cachedStatement(sql: """
                INSERT INTO mailboxCheckpoint (mailbox, uidValidity, lastUID, updatedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT(mailbox) DO UPDATE SET
                    lastUID = CASE WHEN uidValidity = excluded.uidValidity THEN MAX(lastUID, excluded.lastUID) ELSE excluded.lastUID END,
                    uidValidity = excluded.uidValidity, updatedAt = excluded.updatedAt
                """).execute(arguments: [checkpoint.mailbox, Int64(bitPattern: checkpoint.uidValidity), Int64(checkpoint.lastUID), now])
    }
}
