import Foundation
import GRDB
import HandoffCore

/// The time log: manual entries, listing, imports.
extension HandoffStore {
    /// An entry to add by hand or import.
    public struct NewTimeEntry: Sendable, Equatable {
        public var project: ProjectID
        public var request: String?
        public var start: Date
        public var end: Date
        public var memo: String?

        public init(project: ProjectID, request: String? = nil, start: Date, end: Date, memo: String? = nil) {
            self.project = project
            self.request = request
            self.start = start
            self.end = end
            self.memo = memo
        }
    }

    public func timeEntry(_ id: Int64) throws(HandoffError) -> TimeEntry? {
        try read("read a time entry") { db in try TimeEntryRecord.fetchOne(db, key: id)?.entry }
    }

    /// Entries that overlap `[from, to)` (all when nil), oldest first; one project or all.
    public func timeEntries(project: ProjectID? = nil, from: Date? = nil, to: Date? = nil) throws(HandoffError) -> [TimeEntry] {
        try read("list time entries") { db in
            try Self.entriesRequest(project: project, from: from, to: to).fetchAll(db).map(\.entry)
        }
    }

    static func entriesRequest(project: ProjectID?, from: Date?, to: Date?) -> QueryInterfaceRequest<TimeEntryRecord> {
        var request = TimeEntryRecord.order(Column("startedAt"), Column("id"))
        if let project { request = request.filter(Column("projectId") == project.rawValue) }
        if let to { request = request.filter(Column("startedAt") < to) }
        if let from { request = request.filter(Column("endedAt") == nil || Column("endedAt") > from) }
        return request
    }

    /// Adds a manual entry. Time that overlaps another entry (any project: one person
    /// cannot bill two clients for the same hour) is refused, naming that entry.
    public func addTimeEntry(_ new: NewTimeEntry, now: Date, clock: WallClock) throws(HandoffError) -> TimeEntry {
        try WorkDates.checkSpan(start: new.start, end: new.end, clock: clock)
        return try write("add a time entry") { db in
            if let request = new.request { try Self.checkRequest(db, request, project: new.project) }
            try Self.refuseOverlap(db, start: new.start, end: new.end, excluding: nil, now: now, clock: clock)
            var record = TimeEntryRecord(
                projectId: new.project.rawValue, requestId: new.request, startedAt: new.start, endedAt: new.end,
                memo: new.memo.nonEmpty, manual: true, createdAt: now)
            try record.insert(db)
            return record.entry
        }
    }

    /// Adds imported entries in one transaction. An entry already in the store (same
    /// project, start and end) is skipped, so importing the same export twice adds nothing.
    /// Returns how many were added.
    public func importTimeEntries(_ entries: [NewTimeEntry], now: Date, clock: WallClock) throws(HandoffError) -> (added: Int, skipped: Int) {
        for entry in entries { try WorkDates.checkSpan(start: entry.start, end: entry.end, clock: clock) }
        return try write("import time entries") { db in
            var added = 0
            var skipped = 0
            let projects = Set(entries.map(\.project.rawValue))
            var seen = Set<String>()
            for project in projects {
                let rows = try TimeEntryRecord.filter(Column("projectId") == project).fetchCursor(db)
                while let row = try rows.next() {
                    seen.insert(Self.importKey(project, row.startedAt, row.endedAt))
                }
            }
            let statement = try db.makeStatement(
                sql: "INSERT INTO timeEntry (projectId, requestId, startedAt, endedAt, memo, manual, createdAt) VALUES (?, ?, ?, ?, ?, 1, ?)")
            for entry in entries {
                let key = Self.importKey(entry.project.rawValue, entry.start.wholeMilliseconds, entry.end.wholeMilliseconds)
                guard seen.insert(key).inserted else {
                    skipped += 1
                    continue
                }
                try statement.execute(arguments: [
                    entry.project.rawValue, entry.request, entry.start.wholeMilliseconds, entry.end.wholeMilliseconds,
                    entry.memo.nonEmpty, now.wholeMilliseconds,
                ])
                added += 1
            }
            return (added, skipped)
        }
    }

    static func importKey(_ project: String, _ start: Date, _ end: Date?) -> String {
        "\(project)|\(Int64((start.timeIntervalSince1970 * 1000).rounded()))|\(end.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? "-")"
    }

    static func refuseOverlap(_ db: Database, start: Date, end: Date, excluding id: Int64?, now: Date, clock: WallClock) throws {
        var sql = "SELECT * FROM timeEntry WHERE startedAt < ? AND (endedAt > ? OR (endedAt IS NULL AND ? > ?))"
        var arguments: StatementArguments = [end.wholeMilliseconds, start.wholeMilliseconds, now.wholeMilliseconds, start.wholeMilliseconds]
        if let id {
            sql += " AND id != ?"
            arguments += [id]
        }
        sql += " ORDER BY startedAt LIMIT 1"
        guard let other = try TimeEntryRecord.fetchOne(db, sql: sql, arguments: arguments) else { return }
        let until = other.endedAt.map { clock.minute($0) } ?? "now (running)"
        throw HandoffError.badInput(
            "\(clock.minute(start))–\(clock.minute(end)) overlaps entry \(other.id ?? 0) on '\(other.projectId)' (\(clock.minute(other.startedAt))–\(until)). Change the times, or edit that entry first.")
    }
}
