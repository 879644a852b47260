import Foundation
import GRDB
import HandoffCore

// The lookups every delivery makes several times, through SQLite's cache of prepared
// statements. GRDB's query interface prepares its SQL anew on every call, and preparing
// was the largest single cost of a small delivery (about a sixth of its CPU); a cached
// statement is prepared once per connection.

extension HandoffRecord {
    static func find(_ db: Database, id: String) throws -> HandoffRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM handoff WHERE id = ?"), arguments: [id])
    }

    static func find(_ db: Database, idempotencyKey: String) throws -> HandoffRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM handoff WHERE idempotencyKey = ?"), arguments: [idempotencyKey])
    }
}

extension PackageRecord {
    static func find(_ db: Database, handoff: String) throws -> PackageRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM package WHERE handoffId = ?"), arguments: [handoff])
    }
}

extension JobRecord {
    static func find(_ db: Database, id: Int64) throws -> JobRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM job WHERE id = ?"), arguments: [id])
    }

    static func find(_ db: Database, idempotencyKey: String) throws -> JobRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM job WHERE idempotencyKey = ?"), arguments: [idempotencyKey])
    }

    /// A job of a kind this version does not know was queued by a newer gateway sharing
    /// the store: it is left for that gateway, where reading it would stop every claim.
    private static let knownKinds = "kind IN (" + JobKind.allCases.map { _ in "?" }.joined(separator: ", ") + ")"

    /// The job to run next: due, most urgent first, then oldest.
    static func nextDue(_ db: Database, now: Date) throws -> JobRecord? {
        try fetchOne(
            db.cachedStatement(sql: "SELECT * FROM job WHERE state = ? AND runAt <= ? AND \(knownKinds) ORDER BY priority DESC, runAt, id LIMIT 1"),
            arguments: [JobState.queued, now] + StatementArguments(JobKind.allCases))
    }

    /// Running jobs whose lease ran out.
    static func expiredLeases(_ db: Database, now: Date) throws -> [JobRecord] {
        try fetchAll(
            db.cachedStatement(sql: "SELECT * FROM job WHERE state = ? AND leaseExpiresAt < ? AND \(knownKinds)"),
            arguments: [JobState.running, now] + StatementArguments(JobKind.allCases))
    }
}

extension LedgerEventRecord {
    /// The project's newest event: the one a new event chains to.
    static func last(_ db: Database, project: String) throws -> LedgerEventRecord? {
        try fetchOne(
            db.cachedStatement(sql: "SELECT * FROM ledgerEvent WHERE projectId = ? ORDER BY seq DESC LIMIT 1"),
            arguments: [project])
    }
}
