import Foundation
import HandoffCore
import HandoffInbound
import HandoffStore
import Logging
import HandoffConfig
import HandoffMail

/// Delivery status notifications (bounces) and read receipts that come back to the inbox,
/// matched to the handoff whose Message-ID they quote and written to its ledger. They
/// never become requests. One that quotes no handoff of ours is stored (so it is not read
/// twice) and logged.
extension Gateway {
    func recordClientReport(_ report: InboundReport, from sender: String) async {
        let original: String?
        switch report {
        case .deliveryStatus(let dsn): original = dsn.originalMessageID
        case .disposition(let mdn): original = mdn.originalMessageID
        }
        let found: (HandoffID, ProjectID)?
        do throws(HandoffError) {
            if let original, let handoff = try await store.handoff(sentAs: original), let record = try await store.handoff(handoff) {
                found = (handoff, try ProjectID(record.projectId))
            } else {
                found = nil
            }
        } catch {
            logger.warning("report not matched to a handoff: \(error.message)", metadata: ["from": "\(sender)"])
            return
        }
        guard let (handoff, project) = found, let original else {
            logger.info("report about a message Handoff did not send", metadata: ["from": "\(sender)", "original": "\(original ?? "none")"])
            return
        }
        do throws(HandoffError) {
            switch report {
            case .deliveryStatus(let dsn):
                let failures = dsn.recipients.filter { $0.action.lowercased() == "failed" }
                guard !failures.isEmpty else { return }
                let payloads = failures.map {
                    BouncedPayload(recipient: $0.recipient, status: $0.status, action: $0.action, diagnostic: $0.diagnostic, originalMessageID: original)
                }
                try await store.markBounced(handoff, project: project, events: payloads, now: now())
                logger.warning("handoff bounced", metadata: [
                    "handoff.id": "\(handoff)", "recipients": "\(failures.map(\.recipient).joined(separator: ", "))",
                ])
                await noticeBounce(handoff, bounces: payloads)
            case .disposition(let mdn):
                guard mdn.disposition.lowercased().contains("displayed") else { return }
                try await store.appendLedger(
                    project: project, handoff: handoff,
                    payload: DisplayedPayload(by: mdn.finalRecipient, disposition: mdn.disposition, originalMessageID: original))
                logger.info("read receipt", metadata: ["handoff.id": "\(handoff)"])
            }
        } catch {
            logger.warning("report not recorded: \(error.message)", metadata: ["handoff.id": "\(handoff)"])
        }
    }
}
