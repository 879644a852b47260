import Foundation
import HandoffConfig
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffStore

extension Gateway {
    /// The passphrase step, for an encrypted package: the passphrase goes in a message of
    /// its own, after the delivery, once.
    func sendPassphraseIfNeeded(row: HandoffRecord, project: Project, recipients: Recipients, package: PackageInfo, mainID: MessageID) async throws(HandoffError) {
        guard package.passphrase != nil else { return }
        let id = row.handoffID
        let keyID = mainID.derived(suffix: "key")
        if await transport.wasSent(messageID: keyID) == true { return }
        let text = DeliveryMessage(project: project, handoff: id, package: package, note: nil, link: nil, senderName: config.gateway.sender.displayName)
        var message = OutgoingMessage(
            from: config.gateway.sender, to: recipients.to, subject: "Passphrase for \(package.fileName)", date: Date(),
            messageID: keyID, textBody: text.passphraseBody)
        message.cc = recipients.cc
        message.bcc = recipients.bcc
        message.inReplyTo = mainID
        message.references = [mainID]
        message.extraHeaders = [try HeaderField("X-Handoff-ID", id.rawValue)]
        let envelope = Envelope(sender: config.gateway.sender.address, recipients: recipients.all.map(\.address))
        let result = try await transport.send(try MIMEWriter.render(message), envelope: envelope)
        // The passphrase itself never goes in the ledger; the server's word on it does.
        try await store.appendLedger(
            project: project.id, handoff: id,
            payload: SentPayload(messageID: keyID.bracketed, part: "passphrase", reply: result.serverReply))
    }
}

extension MessageID {
    /// The id of a follow-up message about the same handoff (the passphrase message):
    /// derived, not random, so a resumed job finds out whether it was already sent.
    func derived(suffix: String) -> MessageID {
        guard let at = value.lastIndex(of: "@") else { return self }
        let text = "\(value[..<at]).\(suffix)\(value[at...])"
        return (try? MessageID(parsing: text)) ?? self
    }
}
