import Crypto
import Foundation
import HandoffConfig
import HandoffCore
import HandoffMIME
import HandoffMail
import HandoffReceipts
import HandoffStore
import Logging

/// `receipts PROJECT --send`: the receipt is rendered and signed now (so what is mailed is
/// what the VA saw), stored with a job, and mailed by the queue like a delivery: HTML with
/// a plain-text alternative, the signed JSON attached, to the project's guarded contacts.
extension Gateway {
    public struct QueuedReceipt: Sendable, Equatable {
        public var id: String
        public var recipients: [String]
        public var jsonSha256: String
    }

    public func queueReceipt(
        project projectID: String, from: Date?, to: Date?, now: Date = Date(), clock: WallClock
    ) throws(HandoffError) -> QueuedReceipt {
        let project = try project(projectID)
        try RecipientGuard.check(project.contacts, for: project)
        let receipt = try self.receipt(project: projectID, from: from, to: to, now: now, clock: clock)
        let signed = try signedReceipt(receipt)
        var generator = SystemRandomNumberGenerator()
        let id = "RC-" + RandomToken.crockford(length: 10, using: &generator)
        let folder = dataPath("receipts", id)
        try write(Data(receipt.html.utf8), to: (folder as NSString).appendingPathComponent("receipt.html"))
        try write(Data(receipt.markdown.utf8), to: (folder as NSString).appendingPathComponent("receipt.txt"))
        try write(Data(signed), to: (folder as NSString).appendingPathComponent(Self.receiptFileName(receipt)))
        let digest = Hex.string(SHA256.hash(data: signed))
        let record = try ReceiptMessageRecord(
            id: id, projectId: project.id.rawValue, recipients: Recipients(to: project.contacts), folder: folder,
            jsonSha256: digest, chainHead: receipt.chainHead, createdAt: now)
        try store.queueReceipt(record, maxAttempts: config.queue.retry.maxAttempts, now: now)
        logger.info("receipt queued", metadata: ["receipt.id": "\(id)", "project": "\(project.id)"])
        return QueuedReceipt(id: id, recipients: project.contacts.map(\.address), jsonSha256: digest)
    }

    static func receiptFileName(_ receipt: Receipt) -> String {
        "receipt-\(receipt.project)-\(receipt.generatedAt.prefix(10)).json"
    }

    func runReceiptJob(_ job: JobRecord) async throws(HandoffError) {
        guard let row = try await store.receiptMessage(for: job) else {
            throw .internal("Job \(job.id ?? 0) names no receipt that is in the store.")
        }
        if row.status == .sent { return }
        let project = try project(row.projectId)
        let recipients = try row.decodedRecipients()
        // The allow list may have changed since it was queued: check again before sending.
        try RecipientGuard.check(recipients.all, for: project)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: row.folder)) ?? []
        guard let jsonName = files.first(where: { $0.hasSuffix(".json") }),
              let html = FileManager.default.contents(atPath: (row.folder as NSString).appendingPathComponent("receipt.html")),
              let text = FileManager.default.contents(atPath: (row.folder as NSString).appendingPathComponent("receipt.txt"))
        else {
            throw .badInput("The rendered receipt \(row.id) is missing from \(row.folder); queue it again with `handoff receipts \(row.projectId) --send`.")
        }
        var generator = SystemRandomNumberGenerator()
        let token = RandomToken.crockford(length: 12, using: &generator)
        var messageID = try MessageID(parsing: "\(row.id).\(token)@\(MessageIDDomain.ascii(config.gateway.sender.domain))")
        if row.status == .sending, let stored = row.messageId {
            let previous = try MessageID(parsing: stored)
            switch await transport.wasSent(messageID: previous) {
            case .some(true):
                try await store.markReceiptSent(row.id, serverReply: "found already handed over after a restart", event: ReceiptSentPayload(messageID: stored, resumed: true))
                return
            case .some(false):
                messageID = previous
            case .none:
                throw .badInput("Receipt \(row.id) may already have been sent (the process stopped during the send); check with the client before queuing it again.")
            }
        }
        var message = OutgoingMessage(
            from: config.gateway.sender, to: recipients.to, subject: "Delivery receipt: \(project.name)", date: Date(),
            messageID: messageID, textBody: String(decoding: text, as: UTF8.self))
        message.htmlBody = String(decoding: html, as: UTF8.self)
        message.attachments = [MailAttachment(path: (row.folder as NSString).appendingPathComponent(jsonName), fileName: jsonName, mediaType: "application/json")]
        message.extraHeaders = [try HeaderField("X-Handoff-Receipt", row.id)]
        let rendered = try MIMEWriter.render(message)
        try await store.markReceiptSending(row.id, messageID: messageID.bracketed)
        let envelope = Envelope(sender: config.gateway.sender.address, recipients: recipients.all.map(\.address))
        let result = try await transport.send(rendered, envelope: envelope)
        try await store.markReceiptSent(
            row.id, serverReply: result.serverReply,
            event: ReceiptSentPayload(messageID: messageID.bracketed, to: recipients.to.map(\.address).joined(separator: ", ")))
        logger.info("receipt sent", metadata: ["receipt.id": "\(row.id)", "project": "\(project.id)"])
    }

    func write(_ data: Data, to path: String) throws(HandoffError) {
        try createFolder(for: path)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unavailable("Cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// The right-hand side of a Message-ID: the sender's domain when it is plain ASCII.
enum MessageIDDomain {
    static func ascii(_ domain: String) -> String {
        let lowered = domain.lowercased()
        let valid = !lowered.isEmpty && lowered.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }
        return valid ? lowered : "handoff.invalid"
    }
}
