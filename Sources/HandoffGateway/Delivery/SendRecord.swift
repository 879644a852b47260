import HandoffCore
import HandoffLinks
import HandoffMIME
import HandoffMail
import HandoffStore
import Logging

extension Gateway {
    /// The record step: writes the server's answer to the handoff and the ledger. Some
    /// recipients refused: not a success, and never sent again to the others' neighbours.
    func recordSent(
        _ result: SendResult, id: HandoffID, project: Project, messageID: MessageID, route: RoutingPolicy.Decision,
        link: PublishedLink?
    ) async throws(HandoffError) -> JobOutcome {
        var sent = SentPayload(
            messageID: messageID.bracketed, route: route.rawValue,
            accepted: LedgerFields.present(result.accepted.joined(separator: ", ")),
            location: LedgerFields.present(result.location), sentCopy: LedgerFields.present(result.sentCopy))
        if result.sentCopy?.hasPrefix("not saved") == true {
            logger.warning("sent copy not saved: \(result.sentCopy ?? "")", metadata: ["handoff.id": "\(id)"])
        }
        if !result.refused.isEmpty {
            // Each answer is in the ledger; a person decides what to do.
            let refusals = result.refused.map { "\($0.address): \($0.reply)" }.joined(separator: "; ")
            sent.refused = refusals
            try await store.markPartiallySent(
                id, serverReply: result.serverReply,
                refusals: "Delivered to \(result.accepted.joined(separator: ", ")) only; refused: \(refusals)", event: sent)
            logger.error("partially delivered: \(refusals)", metadata: ["handoff.id": "\(id)", "project": "\(project.id)"])
            return .partiallySent(id)
        }
        try await store.markSent(id, serverReply: result.serverReply, linkURL: link?.url, event: sent)
        return .delivered(id)
    }

    /// The record step of a resumed delivery whose earlier send the transport found.
    func recordFoundAfterRestart(
        id: HandoffID, storedMessageID: String, route: RoutingPolicy.Decision, link: PublishedLink?
    ) async throws(HandoffError) {
        try await store.markSent(id, serverReply: "found already handed over after a restart", linkURL: link?.url,
                                 event: SentPayload(messageID: storedMessageID, route: route.rawValue, resumed: true))
    }

    /// After a failed send, asks the transport whether that attempt may have delivered:
    /// if it may have, the handoff ends `possibly_sent` (never re-sent blindly); if surely
    /// not, it goes back to `packaged` and the error decides between retry and failure.
    func recordFailedSend(_ error: HandoffError, id: HandoffID, messageID: MessageID, project: Project) async throws(HandoffError) -> JobOutcome {
        switch await transport.wasSent(messageID: messageID) {
        case .none:
            try await store.markPossiblySent(id, messageID: messageID.bracketed, why: error.message)
            logger.error("possibly sent: \(error.message)", metadata: ["handoff.id": "\(id)", "project": "\(project.id)"])
            return .possiblySent(id)
        case .some(true):
            try await store.markSent(id, serverReply: "found already handed over after an error: \(error.message)",
                                     event: SentPayload(messageID: messageID.bracketed, resumed: true))
            return .delivered(id)
        case .some(false):
            try await store.markNotSending(id)
            throw error
        }
    }
}
