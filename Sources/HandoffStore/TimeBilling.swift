import Foundation
import GRDB
import HandoffCore

/// Which time entries a handoff bills, recorded with it when it is queued.
extension HandoffStore {
    /// Handoffs in these states never reached the client, so what they billed is still open.
    static let unbilledStatuses = [HandoffStatus.failed.rawValue, HandoffStatus.cancelled.rawValue]

    /// Links the delivery's entries to its new handoff row and ledgers them (`billed`), in
    /// the caller's transaction. Explicit entries are checked by `explicitEntries`. By
    /// default the entries are the project's (or, for a handoff answering a request, that
    /// request's) not billed by an earlier handoff, plus any that ran on after the
    /// previous handoff was queued, the running one included.
    static func billTimeEntries(_ db: Database, request: DeliveryRequest, handoff: String, now: Date) throws {
        let project = request.project.rawValue
        let ids: [Int64]
        if let explicit = request.timeEntries {
            ids = try explicitEntries(db, explicit, project: project, handoff: handoff)
        } else {
            var scope = "e.projectId = ?"
            var arguments: StatementArguments = [project]
            if let requestID = request.requestID {
                scope += " AND e.requestId = ?"
                arguments += [requestID]
            }
            var previousSQL = "SELECT MAX(createdAt) FROM handoff WHERE projectId = ? AND id != ? AND status NOT IN (?, ?)"
            var previousArguments: StatementArguments = [project, handoff] + StatementArguments(unbilledStatuses)
            if let requestID = request.requestID {
                previousSQL += " AND requestId = ?"
                previousArguments += [requestID]
            }
            let previous = try Date.fetchOne(db, sql: previousSQL, arguments: previousArguments)
            arguments += [handoff] + StatementArguments(unbilledStatuses) + [previous ?? Date.distantPast]
            ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT e.id FROM timeEntry e WHERE \(scope) AND (
                      NOT EXISTS (SELECT 1 FROM handoffTimeEntry x JOIN handoff h ON h.id = x.handoffId
                                  WHERE x.timeEntryId = e.id AND h.id != ? AND h.status NOT IN (?, ?))
                      OR e.endedAt IS NULL OR e.endedAt > ?)
                    ORDER BY e.startedAt, e.id
                    """,
                arguments: arguments)
        }
        guard !ids.isEmpty else { return }
        let insert = try db.makeStatement(sql: "INSERT INTO handoffTimeEntry (handoffId, timeEntryId) VALUES (?, ?)")
        var seconds: Int64 = 0
        var running: [Int64] = []
        for id in ids {
            try insert.execute(arguments: [handoff, id])
            if let entry = try TimeEntryRecord.fetchOne(db, key: id)?.entry {
                seconds += entry.seconds(asOf: now)
                if entry.isRunning { running.append(id) }
            }
        }
        try appendEvent(db, project: project, handoff: handoff, payload: BilledPayload(entries: ids, seconds: seconds, running: running), at: now)
    }

    /// The entries a handoff bills, oldest first.
    public func billedEntries(handoff: HandoffID) throws(HandoffError) -> [TimeEntry] {
        try read("read a handoff's time entries") { db in
            try TimeEntryRecord.fetchAll(
                db,
                sql: "SELECT e.* FROM timeEntry e JOIN handoffTimeEntry x ON x.timeEntryId = e.id WHERE x.handoffId = ? ORDER BY e.startedAt, e.id",
                arguments: [handoff.rawValue]
            ).map(\.entry)
        }
    }
}
