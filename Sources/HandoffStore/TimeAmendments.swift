import Foundation
import GRDB
import HandoffCore

/// Changing an entry after the fact. An entry a sent handoff billed is locked: the client
/// may already hold a receipt listing it, so a change is an amendment written to the
/// ledger (old value, new value, when, why) in the same transaction, never a silent edit.
extension HandoffStore {
    /// The new values for an entry; nil leaves a field as it is.
    public struct TimeEntryChange: Sendable, Equatable {
        public var start: Date?
        public var end: Date?
        public var memo: String?

        public init(start: Date? = nil, end: Date? = nil, memo: String? = nil) {
            self.start = start
            self.end = end
            self.memo = memo
        }
    }

    /// What `editTimeEntry` did.
    public struct EditOutcome: Sendable, Equatable {
        public var entry: TimeEntry
        /// The sent handoff that locked the entry, when the change was an amendment.
        public var lockedBy: HandoffID?
        /// The ledger events written (one per changed field).
        public var amendments: Int
    }

    /// The first sent (or possibly sent) handoff that billed this entry, if any.
    public func lockingHandoff(of entry: Int64) throws(HandoffError) -> HandoffID? {
        try read("check whether a time entry is billed") { db in try Self.lockingHandoff(db, entry: entry) }
    }

    static func lockingHandoff(_ db: Database, entry: Int64) throws -> HandoffID? {
        try String.fetchOne(
            db,
            sql: """
                SELECT h.id FROM handoffTimeEntry x JOIN handoff h ON h.id = x.handoffId
                WHERE x.timeEntryId = ? AND h.status IN (?, ?, 'partially_sent') ORDER BY h.createdAt, h.id LIMIT 1
                """,
            arguments: [entry, HandoffStatus.sent.rawValue, HandoffStatus.possiblySent.rawValue]
        ).map(HandoffID.init(rawValue:))
    }

    public func editTimeEntry(
        _ id: Int64, change: TimeEntryChange, reason: String?, now: Date, clock: WallClock
    ) throws(HandoffError) -> EditOutcome {
        try write("edit a time entry") { db in
            guard let found = try Self.entryToEdit(db, id, change: change, now: now) else {
                throw StoreError.noSuchTimeEntry(id)
            }
            var record = found.record
            let before = found.before
            if let start = change.start { record.startedAt = start.wholeMilliseconds }
            if let end = change.end { record.endedAt = end.wholeMilliseconds }
            if let memo = change.memo { record.memo = memo.nonEmpty }
            guard record != before else {
                throw StoreError.nothingToChange(id)
            }
            if let end = record.endedAt {
                try WorkDates.checkSpan(start: record.startedAt, end: end, clock: clock)
                try Self.refuseOverlap(db, start: record.startedAt, end: end, excluding: id, now: now, clock: clock)
            } else {
                try WorkDates.check(record.startedAt, clock: clock)
                guard record.startedAt <= now else {
                    throw HandoffError.badInput("Entry \(id) is running; it cannot start in the future (\(clock.minute(record.startedAt))).")
                }
            }

            let lockedBy = try Self.lockingHandoff(db, entry: id)
            var amendments = 0
            if let lockedBy {
                guard let why = reason.nonEmpty else {
                    throw StoreError.amendmentNeedsReason(id, handoff: lockedBy)
                }
                let fields: [(String, String?, String?)] = [
                    ("start", before.map { clock.iso($0.startedAt) } ?? Self.unreadableValue, clock.iso(record.startedAt)),
                    ("end", before.map { $0.endedAt.map(clock.iso) } ?? Self.unreadableValue, record.endedAt.map(clock.iso)),
                    ("memo", before.map(\.memo) ?? Self.unreadableValue, record.memo),
                ]
                for (field, old, new) in fields where old != new {
                    let amended = AmendedPayload(
                        entry: id, field: field, old: old ?? "", new: new ?? "", reason: why, entrySHA256: Self.snapshot(record))
                    try Self.appendEvent(db, project: record.projectId, handoff: lockedBy.rawValue, payload: amended, at: now)
                    amendments += 1
                }
            }
            try record.update(db)
            return EditOutcome(entry: record.entry, lockedBy: lockedBy, amendments: amendments)
        }
    }
}
