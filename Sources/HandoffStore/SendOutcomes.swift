import Foundation
import GRDB
import HandoffCore

/// The ends of a send other than plain success, and the request rows deliveries reply to.
extension HandoffStore {
    /// A send that surely delivered nothing (refused connection, 4xx before the message was
    /// through): the handoff goes back to `packaged`, so the retry sends without first
    /// asking whether an earlier attempt got through.
    public func markNotSending(_ handoff: HandoffID, now: Date = Date()) throws(HandoffError) {
        try write("record a send that did not happen", Self.markingNotSending(handoff, now: now))
    }

    public func markNotSending(_ handoff: HandoffID, now: Date = Date()) async throws(HandoffError) {
        try await write("record a send that did not happen", Self.markingNotSending(handoff, now: now))
    }

    static func markingNotSending(_ handoff: HandoffID, now: Date) -> @Sendable (Database) throws -> Void {
        updating(handoff) { row in
            if row.status == .sending { row.status = .packaged }
            row.updatedAt = now
        }
    }

    /// Some recipients got the message and others were refused. The ledger's `sent` event
    /// holds each recipient's answer; the handoff ends `partially_sent` with the refusals
    /// as its error, and nothing is sent again.
    public func markPartiallySent(
        _ handoff: HandoffID, serverReply: String, refusals: String, event: SentPayload, now: Date = Date()
    ) throws(HandoffError) {
        try write("record a partially sent handoff", Self.markingPartiallySent(handoff, serverReply: serverReply, refusals: refusals, event: event, now: now))
    }

    public func markPartiallySent(
        _ handoff: HandoffID, serverReply: String, refusals: String, event: SentPayload, now: Date = Date()
    ) async throws(HandoffError) {
        try await write(
            "record a partially sent handoff", Self.markingPartiallySent(handoff, serverReply: serverReply, refusals: refusals, event: event, now: now))
    }

    static func markingPartiallySent(
        _ handoff: HandoffID, serverReply: String, refusals: String, event: SentPayload, now: Date
    ) -> @Sendable (Database) throws -> Void {
        var event = event
        event.reply = serverReply
        event.partial = true
        return updating(handoff, event: event, now: now) { row in
            row.status = .partiallySent
            row.serverReply = serverReply
            row.sentAt = now
            row.lastError = refusals
            row.updatedAt = now
        }
    }

    /// Stores a client request that deliveries can reply to (imports and tests call it; the
    /// inbox stores requests with `recordInbound`). An existing id is updated, but never
    /// moved to another project: that happens only through `assignRequest`, which moves
    /// its files with it.
    public func saveRequest(
        id: String, project: ProjectID, messageID: String?, subject: String?, sender: String? = nil, receivedAt: Date = Date()
    ) throws(HandoffError) {
        let id = Self.storedRequestID(id)
        try write("save a request") { db in
            if let row = try Row.fetchOne(db, sql: "SELECT projectId FROM request WHERE id = ?", arguments: [id]) {
                let owner: String? = row["projectId"]
                guard owner == project.rawValue else { throw StoreError.requestAssigned(id, project: owner ?? "none") }
                try db.execute(
                    sql: "UPDATE request SET messageId = ?, subject = ?, sender = ?, receivedAt = ? WHERE id = ?",
                    arguments: [messageID, subject, sender, receivedAt, id])
                return
            }
            // An R-12 id keeps its number; any other id takes the next one.
            let number = try RequestID(rawValue: id)?.number ?? Self.takeNumber(db).number
            try Self.keepNumbersAbove(db, number)
            try db.execute(
                sql: """
                    INSERT INTO request (id, number, projectId, state, sender, subject, messageId, receivedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, number, project.rawValue, StoredRequestState.open, sender, subject, messageID, receivedAt])
        }
    }
}
