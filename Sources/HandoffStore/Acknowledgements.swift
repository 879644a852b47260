import Foundation
import GRDB
import HandoffCore

/// The acknowledgements sent for requests: threading replies to them, and the per-sender
/// limit that keeps two auto-responders from mailing each other forever.
extension HandoffStore {
    public func acknowledgementsSent(to sender: String, since: Date) async throws(HandoffError) -> Int {
        let key = sender.trimmingWhitespace().lowercased()
        return try await lookup("count acknowledgements sent") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM acknowledgement WHERE sender = ? AND sentAt >= ?", arguments: [key, since]) ?? 0
        }
    }

    public func recordAcknowledgement(request: RequestID, sender: String, messageID: String, at: Date) async throws(HandoffError) {
        let key = sender.trimmingWhitespace().lowercased()
        try await write("record an acknowledgement for request \(request)") { db in
            try db.execute(
                sql: "INSERT INTO acknowledgement (requestId, sender, messageId, sentAt) VALUES (?, ?, ?, ?)",
                arguments: [request.rawValue, key, MessageIDForms.bare(messageID), at])
        }
    }
}
