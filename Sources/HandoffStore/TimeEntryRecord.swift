import Foundation
import GRDB
import HandoffCore

/// One row of `timeEntry`.
public struct TimeEntryRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "timeEntry"
    public var id: Int64?
    public var projectId: String
    public var requestId: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var memo: String?
    public var manual: Bool
    public var createdAt: Date

    public init(
        id: Int64? = nil, projectId: String, requestId: String? = nil, startedAt: Date, endedAt: Date? = nil,
        memo: String? = nil, manual: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.projectId = projectId
        self.requestId = requestId
        // Whole milliseconds: what the store keeps, so a value read back compares equal.
        self.startedAt = startedAt.wholeMilliseconds
        self.endedAt = endedAt?.wholeMilliseconds
        self.memo = memo
        self.manual = manual
        self.createdAt = createdAt.wholeMilliseconds
    }

    /// Decoded by position rather than through Codable or by name: receipts and reports
    /// read tens of thousands of entries, and both were most of their cost. Every query of
    /// this record selects `*` from `timeEntry`, whose columns are in this order (later
    /// migrations can only append columns). A value that does not decode (a row changed
    /// outside Handoff) is an error naming the entry, never a crash.
    public init(row: Row) throws {
        let id: Int64 = try row.decode(atIndex: 0)
        self.id = id
        projectId = try Self.column(row, 1, entry: id)
        guard ProjectID.isValid(projectId) else { throw Self.unreadable(id, column: "projectId") }
        requestId = try Self.column(row, 2, entry: id)
        startedAt = try Self.column(row, 3, entry: id)
        endedAt = try Self.column(row, 4, entry: id)
        memo = try Self.column(row, 5, entry: id)
        manual = try Self.column(row, 6, entry: id)
        createdAt = try Self.column(row, 7, entry: id)
    }

    private static let columnNames = ["id", "projectId", "requestId", "startedAt", "endedAt", "memo", "manual", "createdAt"]

    private static func column<Value: DatabaseValueConvertible>(_ row: Row, _ index: Int, entry id: Int64) throws(StoreError) -> Value {
        do {
            return try row.decode(atIndex: index)
        } catch {
            throw unreadable(id, column: columnNames[index])
        }
    }

    /// The error for an entry the store holds but cannot read; the front end adds how to repair it.
    static func unreadable(_ id: Int64, column: String) -> StoreError {
        .unreadableTimeEntry(id, column: column)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The domain value (the project id was checked when the row was read).
    public var entry: TimeEntry {
        TimeEntry(
            id: id ?? 0, project: ProjectID(stored: projectId), requestID: requestId,
            startedAt: startedAt, endedAt: endedAt, memo: memo, manual: manual, createdAt: createdAt)
    }
}

extension Date {
    /// This instant cut to whole milliseconds.
    public var wholeMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
