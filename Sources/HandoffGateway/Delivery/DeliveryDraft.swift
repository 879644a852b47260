import Foundation
import HandoffConfig
import HandoffCore
import HandoffLinks
import HandoffMIME
import HandoffMail
import HandoffStore

/// The delivery message before its route is known: the package attached, threaded under
/// the request it answers. Kept with its text so that the link route can reword it.
struct DeliveryDraft {
    var message: OutgoingMessage
    var text: DeliveryMessage

    /// The same message with the package replaced by a link to it.
    func pointing(to link: PublishedLink) -> OutgoingMessage {
        var text = self.text
        text.link = (link.url, link.expires)
        var message = self.message
        message.textBody = text.body
        message.attachments = []
        return message
    }
}

extension Gateway {
    /// The draft step: writes the message with the package attached, before the route is
    /// decided on its size.
    func draftMessage(row: HandoffRecord, project: Project, recipients: Recipients, package: PackageInfo) async throws(HandoffError) -> DeliveryDraft {
        let id = row.handoffID
        var request: HandoffStore.RequestRow?
        if let requestID = row.requestId { request = try await store.request(requestID) }
        // Queued before `deliver` checked the owner, or the store was edited: another
        // client's subject and Message-ID must not reach this client.
        if let request, request.projectId != row.projectId {
            throw .badInput("Handoff \(id) answers request '\(request.id)', which belongs to project '\(request.projectId)', not '\(row.projectId)'. Nothing was sent; cancel the job and deliver again without --request or with one of \(row.projectId)'s requests.")
        }
        let text = DeliveryMessage(project: project, handoff: id, package: package, note: row.message, link: nil, senderName: config.gateway.sender.displayName)
        var message = OutgoingMessage(
            from: config.gateway.sender, to: recipients.to, subject: text.subject, date: Date(),
            messageID: MessageID.generate(for: id, domain: config.gateway.sender.domain), textBody: text.body)
        message.cc = recipients.cc
        message.bcc = recipients.bcc
        message.extraHeaders = [try HeaderField("X-Handoff-ID", id.rawValue)]
        if let request, let original = request.messageId.flatMap({ try? MessageID(parsing: $0) }) {
            message.inReplyTo = original
            message.references = [original]
            if let subject = request.subject {
                message.subject = subject.lowercased().hasPrefix("re:") ? subject : "Re: \(subject)"
            }
        }
        message.attachments = [MailAttachment(path: package.archivePath, fileName: package.fileName, mediaType: package.format.mediaType)]
        return DeliveryDraft(message: message, text: text)
    }
}
