import Foundation
import GRDB
import HandoffCore

/// The entries a VA names to bill a handoff with, each checked before anything is
/// queued.
extension HandoffStore {
    /// The named entries, duplicates dropped, in the order given. Each must exist, belong
    /// to `project`, and not be billed already by another handoff that still counts (any
    /// status but failed or cancelled: those never reached the client, so their time is
    /// still open), so naming the same entry on two handoffs never bills it twice.
    static func explicitEntries(_ db: Database, _ explicit: [Int64], project: String, handoff: String) throws -> [Int64] {
        var unique: [Int64] = []
        for id in explicit where !unique.contains(id) {
            guard let owner = try String.fetchOne(db, sql: "SELECT projectId FROM timeEntry WHERE id = ?", arguments: [id]) else {
                throw StoreError.noSuchTimeEntry(id, billedFor: project)
            }
            guard owner == project else {
                throw HandoffError.badInput("Time entry \(id) belongs to project '\(owner)', not '\(project)'; a handoff bills only its own project's time.")
            }
            if let billing = try Row.fetchOne(
                db,
                sql: """
                    SELECT h.id, h.status FROM handoffTimeEntry x JOIN handoff h ON h.id = x.handoffId
                    WHERE x.timeEntryId = ? AND h.id != ? AND h.status NOT IN (?, ?) ORDER BY h.createdAt, h.id LIMIT 1
                    """,
                arguments: [id, handoff] + StatementArguments(unbilledStatuses))
            {
                let other: String = try billing.decode(forColumn: "id")
                let status: String = try billing.decode(forColumn: "status")
                throw StoreError.alreadyBilled(id, handoff: other, status: status)
            }
            unique.append(id)
        }
        return unique
    }
}
