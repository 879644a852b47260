import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffStore

/// Where a delivery starts: a handoff left `sending` by a crash may already be with the
/// client, so the transport is asked about the message it was sending before anything
/// else is done. The later steps act on this answer; none of them asks again.
enum ResumePoint: Equatable {
    /// No send was started: every step runs.
    case fresh
    /// The earlier send surely did not arrive: it is sent again under the same Message-ID.
    case resend(MessageID)
    /// The earlier send arrived: it is recorded, and nothing is sent again.
    case alreadySent(MessageID, stored: String)
    /// The transport cannot tell: the handoff is never sent again blindly.
    case unknown(stored: String)
}

extension Gateway {
    /// The resume check: the first step of every delivery.
    func resumePoint(of row: HandoffRecord) async throws(HandoffError) -> ResumePoint {
        guard row.status == .sending, let stored = row.messageId else { return .fresh }
        let messageID = try MessageID(parsing: stored)
        switch await transport.wasSent(messageID: messageID) {
        case .some(true): return .alreadySent(messageID, stored: stored)
        case .some(false): return .resend(messageID)
        case .none: return .unknown(stored: stored)
        }
    }
}
