import Foundation
import GRDB
import HandoffCore

/// The way out for an entry the store holds but cannot read (a row changed outside
/// Handoff, or a date written before such dates were refused): `time edit ID --start
/// --end` gives it both times again.
extension HandoffStore {
    /// The entry `time edit` changes, and how it stood before (nil when the stored row
    /// could not be read and is rebuilt from `change` and the columns that still read).
    /// Nil when there is no such entry.
    static func entryToEdit(
        _ db: Database, _ id: Int64, change: TimeEntryChange, now: Date
    ) throws -> (record: TimeEntryRecord, before: TimeEntryRecord?)? {
        do {
            return try TimeEntryRecord.fetchOne(db, key: id).map { ($0, $0) }
        } catch let unreadable as StoreError where unreadable.reason == .unreadableTimeEntry {
            guard let start = change.start, let end = change.end,
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM timeEntry WHERE id = ?", arguments: [id]),
                  let project = try? row.decode(String.self, atIndex: 1), ProjectID.isValid(project)
            else { throw unreadable }
            let rebuilt = TimeEntryRecord(
                id: id, projectId: project, requestId: (try? row.decode(String?.self, atIndex: 2)) ?? nil,
                startedAt: start, endedAt: end, memo: (try? row.decode(String?.self, atIndex: 5)) ?? nil,
                manual: (try? row.decode(Bool.self, atIndex: 6)) ?? true,
                createdAt: (try? row.decode(Date.self, atIndex: 7)) ?? now)
            return (rebuilt, nil)
        }
    }

    /// What an amendment names as the old value of a field that could not be read.
    static let unreadableValue = "(unreadable)"
}
