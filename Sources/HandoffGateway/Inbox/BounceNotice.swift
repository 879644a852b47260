import Foundation
import HandoffCore
import HandoffMIME
import HandoffStore
import Logging
import HandoffConfig
import HandoffMail

/// With `notify_failures`, a bounce is told to the VA the way a failed delivery is: the
/// server took the message, and then a recipient's server sent it back. Each returned
/// notification is read once (the inbox never stores a message twice), so one notice each.
extension Gateway {
    func noticeBounce(_ handoff: HandoffID, bounces: [BouncedPayload]) async {
        guard config.gateway.notifyFailures, !bounces.isEmpty else { return }
        do throws(HandoffError) {
            guard let record = try await store.handoff(handoff) else { return }
            let project = config.projects.first { $0.id.rawValue == record.projectId }
            let name = project?.name ?? record.projectId
            var lines = [
                "Handoff \(handoff.rawValue) to \(name) came back undelivered: the mail server took it, then a recipient's server returned it.",
                "",
                "Deliverable:  \(Self.packageName(for: record.sourcePath))",
            ]
            for bounce in bounces {
                let detail = [bounce.status, bounce.diagnostic].compactMap { $0 }.joined(separator: " ")
                lines.append("Returned:     \(bounce.recipient ?? "a recipient")\(detail.isEmpty ? "" : ": " + detail)")
            }
            lines += [
                "",
                "Check the address with the client, then deliver it again with:",
                "  handoff deliver \(record.sourcePath) -p \(record.projectId) --to ADDRESS",
            ]
            let sender = config.gateway.sender
            var generator = SystemRandomNumberGenerator()
            let token = RandomToken.crockford(length: 8, using: &generator)
            let messageID = try MessageID(parsing: "\(handoff.rawValue).bounce-\(token)@\(MessageIDDomain.ascii(sender.domain))")
            let message = OutgoingMessage(
                from: sender, to: [sender], subject: "Handoff \(handoff.rawValue) to \(name) bounced", date: now(), messageID: messageID,
                textBody: lines.joined(separator: "\n") + "\n",
                extraHeaders: [try HeaderField("X-Handoff-ID", handoff.rawValue), try HeaderField("X-Handoff-Notice", "bounced"),
                               try HeaderField("Auto-Submitted", "auto-generated")])
            _ = try await transport.send(try MIMEWriter.render(message), envelope: message.envelope)
        } catch {
            logger.warning("bounce notice not sent: \(error.message)", metadata: ["handoff.id": "\(handoff)"])
        }
    }
}
