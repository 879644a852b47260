import Foundation
import GRDB
import HandoffCore

extension HandoffStore {
    /// Records that a sent handoff came back undelivered: one `bounced` ledger event per
    /// recipient the delivery status notification names, and the handoff's status set to
    /// `bounced`, in one transaction. A handoff that never went out is left as it is.
    public func markBounced(_ handoff: HandoffID, project: ProjectID, events: [BouncedPayload], now: Date = Date()) async throws(HandoffError) {
        try await write("record a bounce") { db in
            guard var row = try HandoffRecord.fetchOne(db, key: handoff.rawValue) else { return }
            for event in events {
                _ = try Self.appendEvent(db, project: project.rawValue, handoff: handoff.rawValue, payload: event, at: now)
            }
            if row.status.mayHaveReachedClient {
                row.status = .bounced
                row.updatedAt = now
                try row.update(db)
            }
        }
    }
}
