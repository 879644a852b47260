import Foundation
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffStore
import Logging

/// The `deliver` job: one handoff through the steps of a delivery, each in its own file
/// under `Delivery/`, each handing its result to the next as a value. A job resumed after a
/// crash starts with the resume check and skips what that says is done, so it never
/// packages or sends twice.
extension Gateway {
    /// What one job run achieved, for the summary line.
    public enum JobOutcome: Sendable, Equatable {
        case delivered(HandoffID)
        case alreadyFinished(HandoffID)
        case possiblySent(HandoffID)
        case partiallySent(HandoffID)
    }

    func runDeliverJob(_ job: JobRecord) async throws(HandoffError) -> JobOutcome {
        guard let rawID = job.handoffId, let row = try await store.handoff(HandoffID(rawValue: rawID)) else {
            throw .internal("Job \(job.id ?? 0) names no handoff that is in the store.")
        }
        let id = row.handoffID
        if row.status.isFinal { return .alreadyFinished(id) }
        let project = try project(row.projectId)
        let recipients = try row.decodedRecipients()
        // The allow list may have changed since this was queued: check again before any byte leaves.
        try RecipientGuard.check(recipients.all, for: project)

        let resume = try await resumePoint(of: row)
        if case .unknown(let stored) = resume {
            try await store.markPossiblySent(id, messageID: stored)
            return .possiblySent(id)
        }
        let package = try await ensurePackage(row: row, project: project)
        let draft = try await draftMessage(row: row, project: project, recipients: recipients, package: package)
        let route = try await decideRoute(row: row, project: project, draft: draft)
        let link = route == .link ? try await publishLink(row: row, package: package) : nil
        var message = link.map(draft.pointing(to:)) ?? draft.message
        switch resume {
        case .alreadySent(let messageID, let stored):
            try await recordFoundAfterRestart(id: id, storedMessageID: stored, route: route, link: link)
            try await sendPassphraseIfNeeded(row: row, project: project, recipients: recipients, package: package, mainID: messageID)
            return .delivered(id)
        case .resend(let messageID):
            message.messageID = messageID
        case .fresh, .unknown:
            break
        }

        // Rendering fixes every byte but encodes nothing: the transport streams the
        // attachment from the package as it sends, so no copy of the message is written.
        let rendered = try MIMEWriter.render(message)
        try await store.markSending(id, messageID: message.messageID.bracketed, route: route)
        let result: SendResult
        switch try await send(rendered, messageID: message.messageID, id: id, project: project, recipients: recipients) {
        case .answered(let answer): result = answer
        case .ended(let outcome): return outcome
        }
        let outcome = try await recordSent(result, id: id, project: project, messageID: message.messageID, route: route, link: link)
        guard outcome == .delivered(id) else { return outcome }
        try await sendPassphraseIfNeeded(row: row, project: project, recipients: recipients, package: package, mainID: message.messageID)
        logger.info("sent", metadata: ["handoff.id": "\(id)", "project": "\(project.id)", "route": "\(route.rawValue)"])
        return outcome
    }
}
