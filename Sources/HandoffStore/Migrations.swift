import GRDB

/// The schema, only ever changed by appending a migration (never by editing one that
/// shipped): a VA's store from any earlier version opens and upgrades in place.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: projects, handoffs, packages, jobs, ledger, time") { db in
            try db.create(table: "project") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                /// The project as configured, JSON: kept so receipts show what applied then.
                t.column("settings", .text).notNull()
                t.column("updatedAt", .datetime).notNull()
            }

            try db.create(table: "request") { t in
                t.primaryKey("id", .text)
                t.column("projectId", .text).notNull().indexed().references("project")
                t.column("messageId", .text)
                t.column("subject", .text)
                t.column("sender", .text)
                t.column("receivedAt", .datetime).notNull()
                t.column("status", .text).notNull().defaults(to: "open")
            }

            try db.create(table: "timeEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("projectId", .text).notNull().indexed().references("project")
                t.column("requestId", .text).references("request")
                t.column("startedAt", .datetime).notNull()
                t.column("endedAt", .datetime)
                t.column("memo", .text)
                t.column("manual", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
            }

            try db.create(table: "handoff") { t in
                t.primaryKey("id", .text)
                t.column("projectId", .text).notNull().indexed().references("project")
                t.column("sourceKind", .text).notNull()
                t.column("sourcePath", .text).notNull()
                t.column("recipients", .text).notNull()
                t.column("route", .text).notNull()
                t.column("decidedRoute", .text)
                t.column("message", .text)
                t.column("requestId", .text).references("request")
                t.column("encrypt", .boolean).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("messageId", .text)
                t.column("serverReply", .text)
                t.column("linkUrl", .text)
                t.column("lastError", .text)
                t.column("idempotencyKey", .text).unique()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("sentAt", .datetime)
            }

            try db.create(table: "package") { t in
                t.primaryKey("handoffId", .text).references("handoff", onDelete: .cascade)
                t.column("archivePath", .text).notNull()
                t.column("fileName", .text).notNull()
                t.column("format", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("manifest", .text).notNull()
                t.column("passphrase", .text)
                t.column("createdAt", .datetime).notNull()
            }

            try db.create(table: "handoffTimeEntry") { t in
                t.column("handoffId", .text).notNull().references("handoff", onDelete: .cascade)
                t.column("timeEntryId", .integer).notNull().references("timeEntry")
                t.primaryKey(["handoffId", "timeEntryId"])
            }

            try db.create(table: "job") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("handoffId", .text).references("handoff", onDelete: .cascade).indexed()
                t.column("state", .text).notNull()
                t.column("priority", .integer).notNull().defaults(to: 0)
                t.column("runAt", .datetime).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("maxAttempts", .integer).notNull()
                t.column("leaseOwner", .text)
                t.column("leaseExpiresAt", .datetime)
                t.column("lastError", .text)
                t.column("idempotencyKey", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            // The worker's claim query: due jobs first by priority, then age.
            try db.create(index: "job_due", on: "job", columns: ["state", "runAt", "priority"])

            try db.create(table: "ledgerEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("projectId", .text).notNull().references("project")
                t.column("seq", .integer).notNull()
                t.column("handoffId", .text).indexed()
                t.column("kind", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("detail", .text).notNull()
                t.column("prevHash", .text).notNull()
                t.column("hash", .text).notNull()
                t.uniqueKey(["projectId", "seq"])
            }
        }

        migrator.registerMigration("v2: time entry lookups, one running clock, receipt messages") { db in
            try TimeMigration.apply(db)
        }

        migrator.registerMigration("v3: ledger head anchor") { db in
            /// One row once the store has had a head anchor file: from then on a missing file
            /// means it was removed, not that it was never made.
            try db.create(table: "ledgerAnchorState") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("establishedAt", .datetime).notNull()
            }
        }

        migrator.registerMigration("v4: inbound mail, numbered requests that may be unmatched, acknowledgements") { db in
            try RequestMigration.apply(db)
        }

        migrator.registerMigration("v5: inbound mail flagged on the server") { db in
            // When the server was told (\\Seen, or the move); null until then. Rows from
            // before this column existed were flagged when they were stored.
            try db.alter(table: "inboundMessage") { t in t.add(column: "processedAt", .datetime) }
            try db.execute(sql: "UPDATE inboundMessage SET processedAt = receivedAt")
        }
        return migrator
    }
}
