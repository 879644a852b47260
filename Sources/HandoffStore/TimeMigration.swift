import GRDB

/// The second schema step: lookups the punch clock, billing and receipts need, and the
/// table of receipts queued for mailing. Registered once in `Migrations`; never edited
/// after it shipped.
enum TimeMigration {
    static func apply(_ db: Database) throws {
        try db.create(index: "timeEntry_startedAt", on: "timeEntry", columns: ["startedAt"])
        // At most one clock runs, whichever process starts it: every running row has the
        // same key in this partial index, so a second one is a constraint error.
        try db.execute(sql: "CREATE UNIQUE INDEX timeEntry_oneRunning ON timeEntry(endedAt IS NULL) WHERE endedAt IS NULL")
        try db.create(index: "handoffTimeEntry_entry", on: "handoffTimeEntry", columns: ["timeEntryId"])
        try db.create(index: "handoff_project_created", on: "handoff", columns: ["projectId", "createdAt"])

        try db.create(table: "receiptMessage") { t in
            t.primaryKey("id", .text)
            t.column("projectId", .text).notNull().indexed().references("project")
            /// JSON of `Recipients`.
            t.column("recipients", .text).notNull()
            /// Where the rendered HTML, text and signed JSON wait to be sent.
            t.column("folder", .text).notNull()
            t.column("jsonSha256", .text).notNull()
            t.column("chainHead", .text).notNull()
            t.column("status", .text).notNull()
            t.column("messageId", .text)
            t.column("serverReply", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("sentAt", .datetime)
        }
    }
}
