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

    /// Only jobs of `kinds` (those the claiming gateway has handlers for): a job of another
    /// kind was queued by a gateway that knows it, and stays queued for that gateway.
    private static func ofKinds(_ kinds: Set<JobKind>) -> (sql: String, arguments: StatementArguments) {
        let sorted = kinds.sorted { $0.rawValue < $1.rawValue }
        return ("kind IN (" + sorted.map { _ in "?" }.joined(separator: ", ") + ")", StatementArguments(sorted))
    }

    /// The job of `kinds` to run next: due, most urgent first, then oldest.
    static func nextDue(_ db: Database, kinds: Set<JobKind>, now: Date) throws -> JobRecord? {
        guard !kinds.isEmpty else { return nil }
        let filter = ofKinds(kinds)
        return try fetchOne(
            db.cachedStatement(sql: "SELECT * FROM job WHERE state = ? AND runAt <= ? AND \(filter.sql) ORDER BY priority DESC, runAt, id LIMIT 1"),
            arguments: [JobState.queued, now] + filter.arguments)
    }

    /// Running jobs of `kinds` whose lease ran out.
    static func expiredLeases(_ db: Database, kinds: Set<JobKind>, now: Date) throws -> [JobRecord] {
        guard !kinds.isEmpty else { return [] }
        let filter = ofKinds(kinds)
        return try fetchAll(
            db.cachedStatement(sql: "SELECT * FROM job WHERE state = ? AND leaseExpiresAt < ? AND \(filter.sql)"),
            arguments: [JobState.running, now] + filter.arguments)
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
