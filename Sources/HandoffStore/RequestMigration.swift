import Foundation
import GRDB
import HandoffCore

/// The fourth schema step: requests that the inbox creates (numbered, maybe without a
/// project yet), their messages and attachments, the inbound mail seen per mailbox, and the
/// acknowledgements sent. Registered once in `Migrations`; never edited after it shipped.
enum RequestMigration {
    static func apply(_ db: Database) throws {
        try rebuildRequest(db)

        /// The next request number: a committed reservation is never handed out again,
        /// even when the process dies before the request it was for is stored.
        try db.create(table: "requestNumber") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("next", .integer).notNull()
        }
        let next = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM request") ?? 0) + 1
        try db.execute(sql: "INSERT INTO requestNumber (id, next) VALUES (1, ?)", arguments: [next])

        try db.create(table: "inboundMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("mailbox", .text).notNull()
            t.column("uidValidity", .integer).notNull()
            /// IMAP: the decimal UID; Maildir: the unique part of the file name.
            t.column("sourceKey", .text).notNull()
            t.column("uid", .integer).notNull()
            /// Without angle brackets.
            t.column("messageId", .text)
            t.column("sha256", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("disposition", .text).notNull()
            t.column("reason", .text)
            t.column("requestId", .text).references("request")
            t.column("receivedAt", .datetime).notNull()
            t.uniqueKey(["mailbox", "uidValidity", "sourceKey"])
        }
        try db.create(index: "inboundMessage_content", on: "inboundMessage", columns: ["messageId", "sha256"])

        try db.create(table: "requestMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("requestId", .text).notNull().indexed().references("request")
            t.column("inboundId", .integer).notNull().unique().references("inboundMessage")
            t.column("messageId", .text).indexed()
            t.column("from", .text).notNull()
            t.column("fromName", .text)
            t.column("subject", .text)
            t.column("date", .datetime)
            t.column("receivedAt", .datetime).notNull()
            t.column("text", .text).notNull()
            /// JSON array of what the parser found wrong.
            t.column("defects", .text).notNull()
            t.column("headersOnly", .boolean).notNull()
        }

        try db.create(table: "requestAttachment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("messageId", .integer).notNull().indexed().references("requestMessage")
            t.column("savedName", .text).notNull()
            t.column("originalName", .text)
            t.column("contentType", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("sha256", .text).notNull()
            t.column("inline", .boolean).notNull()
        }

        try db.create(table: "mailboxCheckpoint") { t in
            t.primaryKey("mailbox", .text)
            t.column("uidValidity", .integer).notNull()
            t.column("lastUID", .integer).notNull()
            t.column("updatedAt", .datetime).notNull()
        }

        try db.create(table: "acknowledgement") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("requestId", .text).notNull().indexed().references("request")
            /// Lower-cased, so the per-sender limit counts one person once.
            t.column("sender", .text).notNull()
            t.column("messageId", .text).notNull().indexed()
            t.column("sentAt", .datetime).notNull()
        }
        try db.create(index: "acknowledgement_sender", on: "acknowledgement", columns: ["sender", "sentAt"])
        try db.create(index: "handoff_messageId", on: "handoff", columns: ["messageId"])
        try db.create(index: "request_messageId", on: "request", columns: ["messageId"])
    }

    /// SQLite cannot make a column nullable in place: the table is made anew, filled, and
    /// renamed (GRDB runs migrations with foreign keys off and checks them at the end, so
    /// `handoff.requestId` and `timeEntry.requestId` point at the new table).
    ///
    /// Rows from before this step keep their id text as is (handoffs and time entries
    /// refer to it). An id already of the `R-12` form keeps its number; any other id gets
    /// the next number after the highest, in arrival order, so numbers stay unique.
    private static func rebuildRequest(_ db: Database) throws {
        try db.create(table: "request_v4") { t in
            t.primaryKey("id", .text)
            t.column("number", .integer).notNull().unique()
            /// NULL while the request is unmatched (no project could be told from the mail).
            t.column("projectId", .text).indexed().references("project")
            t.column("state", .text).notNull()
            t.column("sender", .text)
            t.column("senderName", .text)
            t.column("subject", .text)
            /// As it came: with or without angle brackets (older rows have them).
            t.column("messageId", .text)
            t.column("receivedAt", .datetime).notNull()
            t.column("closedAt", .datetime)
        }
        let rows = try Row.fetchAll(db, sql: "SELECT id, projectId, messageId, subject, sender, receivedAt, status FROM request ORDER BY receivedAt, id")
        var numbers: [String: Int] = [:]
        for row in rows {
            let id: String = row["id"]
            if let parsed = RequestID(rawValue: id), !numbers.values.contains(parsed.number) { numbers[id] = parsed.number }
        }
        var next = (numbers.values.max() ?? 0) + 1
        for row in rows {
            let id: String = row["id"]
            let number = numbers[id] ?? next
            if numbers[id] == nil { next += 1 }
            let status: String? = row["status"]
            let state: StoredRequestState = status == "closed" ? .closed : .open
            try db.execute(
                sql: """
                    INSERT INTO request_v4 (id, number, projectId, state, sender, subject, messageId, receivedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, number, row["projectId"] as String?, state, row["sender"] as String?, row["subject"] as String?,
                            row["messageId"] as String?, row["receivedAt"] as DatabaseValue])
        }
        try db.drop(table: "request")
        try db.rename(table: "request_v4", to: "request")
    }
}
