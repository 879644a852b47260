import Foundation
import GRDB
import HandoffCore

extension HandoffStore {
    static let acknowledgementJobPrefix = "acknowledge:"

    /// Records the decision to acknowledge `request` (it counts towards the sender's hourly
    /// limit from now on) and queues the job that mails it, in one transaction: there is
    /// never an acknowledgement on record without its job, or a job without its record.
    /// Once per request: a second call changes nothing.
    public func queueAcknowledgement(request: RequestID, sender: String, messageID: String, maxAttempts: Int, now: Date = Date()) async throws(HandoffError) {
        let key = Self.acknowledgementJobPrefix + request.rawValue
        try await write("queue the acknowledgement of request \(request)") { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM acknowledgement WHERE requestId = ?", arguments: [request.rawValue]) ?? 0 > 0 {
                return
            }
            try db.execute(
                sql: "INSERT INTO acknowledgement (requestId, sender, messageId, sentAt) VALUES (?, ?, ?, ?)",
                arguments: [request.rawValue, sender.trimmingWhitespace().lowercased(), MessageIDForms.bare(messageID), now])
            _ = try Self.enqueue(db, NewJob(kind: .acknowledge, idempotencyKey: key, maxAttempts: maxAttempts, runAt: now), now: now)
        }
    }

    /// The Message-ID chosen for the acknowledgement of `request`, with its angle brackets.
    public func acknowledgementMessageID(for request: RequestID) async throws(HandoffError) -> String? {
        try await lookup("read the acknowledgement of request \(request)") { db in
            try String.fetchOne(db, sql: "SELECT messageId FROM acknowledgement WHERE requestId = ? ORDER BY rowid LIMIT 1", arguments: [request.rawValue])
        }.map { "<\($0)>" }
    }

    /// The request an `acknowledge` job was queued for.
    public static func acknowledgementRequest(of job: JobRecord) -> RequestID? {
        guard job.kind == .acknowledge, job.idempotencyKey.hasPrefix(acknowledgementJobPrefix) else { return nil }
        return RequestID(rawValue: String(job.idempotencyKey.dropFirst(acknowledgementJobPrefix.count)))
    }
}
