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
    /// migrations can only append columns).
    public init(row: Row) throws {
        id = row[0]
        projectId = row[1]
        requestId = row[2]
        startedAt = row[3]
        endedAt = row[4]
        memo = row[5]
        manual = row[6]
        createdAt = row[7]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The domain value (project ids in the store were valid when written).
    public var entry: TimeEntry {
        TimeEntry(
            id: id ?? 0, project: (try? ProjectID(projectId)) ?? ProjectID.unchecked(projectId), requestID: requestId,
            startedAt: startedAt, endedAt: endedAt, memo: memo, manual: manual, createdAt: createdAt)
    }
}

extension Date {
    /// This instant cut to whole milliseconds.
    public var wholeMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

extension ProjectID {
    /// A project id read back from the store, which only ever holds valid ones.
    static func unchecked(_ text: String) -> ProjectID {
        (try? ProjectID(text)) ?? (try! ProjectID("unknown"))
    }
}
