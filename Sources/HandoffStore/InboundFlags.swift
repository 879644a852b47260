import Foundation
import GRDB
import HandoffCore

/// Which stored messages the mailbox has not yet been told about (`\Seen` or the move to
/// `processed_folder`). Storing comes first and flagging second: a poll stopped between the
/// two leaves rows here, and the next poll flags them before it reads anything new.
extension HandoffStore {
    /// A message stored from a mailbox that still waits for its flag.
    public struct UnflaggedInbound: Sendable, Equatable {
        public var key: String
        public var uid: UInt32
        public var size: Int64
    }

    public func unflaggedInbound(mailbox: String, uidValidity: UInt64) async throws(HandoffError) -> [UnflaggedInbound] {
        let validity = Int64(bitPattern: uidValidity)
        return try await read("look up the messages of \(mailbox) not yet flagged") { db in
            try Row.fetchAll(
                db, sql: "SELECT sourceKey, uid, size FROM inboundMessage WHERE mailbox = ? AND uidValidity = ? AND processedAt IS NULL ORDER BY uid, id",
                arguments: [mailbox, validity]
            ).map { row in
                UnflaggedInbound(key: row["sourceKey"], uid: UInt32(truncatingIfNeeded: row["uid"] as Int64), size: row["size"])
            }
        }
    }

    public func markInboundFlagged(mailbox: String, uidValidity: UInt64, keys: [String], at now: Date = Date()) async throws(HandoffError) {
        guard !keys.isEmpty else { return }
        let validity = Int64(bitPattern: uidValidity)
        try await write("record the messages of \(mailbox) as flagged") { db in
            for start in stride(from: 0, to: keys.count, by: 500) {
                let slice = Array(keys[start..<min(start + 500, keys.count)])
                try db.execute(
                    sql: "UPDATE inboundMessage SET processedAt = ? WHERE mailbox = ? AND uidValidity = ? AND sourceKey IN (\(databaseQuestionMarks(count: slice.count)))",
                    arguments: StatementArguments([now, mailbox, validity] as [any DatabaseValueConvertible]) + StatementArguments(slice))
            }
        }
    }
}
