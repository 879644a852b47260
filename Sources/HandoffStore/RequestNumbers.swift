import Foundation
import GRDB
import HandoffCore

/// Request numbers: handed out once, in order, and never again.
extension HandoffStore {
    /// Reserves the next request id in its own transaction: once this returns, no other
    /// caller gets the number, even if the request it was meant for is never stored.
    public func reserveRequestID() async throws(HandoffError) -> RequestID {
        try await write("reserve a request number") { db in try Self.takeNumber(db) }
    }

    /// `count` numbers at once, in order, for the new requests of one fetched batch.
    public func reserveRequestIDs(count: Int) async throws(HandoffError) -> [RequestID] {
        guard count > 0 else { return [] }
        return try await write("reserve \(count) request numbers") { db in
            guard let next = try Int.fetchOne(try db.cachedStatement(sql: "UPDATE requestNumber SET next = next + ? WHERE id = 1 RETURNING next - ?"), arguments: [count, count]) else {
                throw StoreError.unknownValue(table: "requestNumber", row: "1", column: "next", value: "NULL")
            }
            return (next..<next + count).map(RequestID.init(number:))
        }
    }

    static func takeNumber(_ db: Database) throws -> RequestID {
        guard let number = try Int.fetchOne(try db.cachedStatement(sql: "UPDATE requestNumber SET next = next + 1 WHERE id = 1 RETURNING next - 1")) else {
            throw StoreError.unknownValue(table: "requestNumber", row: "1", column: "next", value: "NULL")
        }
        return RequestID(number: number)
    }

    /// Keeps the counter above a number stored by other means, so it is never handed out.
    static func keepNumbersAbove(_ db: Database, _ number: Int) throws {
        try db.cachedStatement(sql: "UPDATE requestNumber SET next = MAX(next, ?) WHERE id = 1").execute(arguments: [number + 1])
    }

    /// The id text as stored: `r-12` and ` R-12 ` are `R-12`; an id from before requests
    /// were numbered stays as it is.
    public static func storedRequestID(_ text: String) -> String {
        RequestID(rawValue: text)?.rawValue ?? text
    }
}
