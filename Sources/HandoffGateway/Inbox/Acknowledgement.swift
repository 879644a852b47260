import Foundation
import HandoffCore
import HandoffInbound
import HandoffMIME
import HandoffMail
import HandoffStore
import Logging
import HandoffConfig
import HandoffMail

/// The optional acknowledgement of a new request (`acknowledge = true` in the project): a
/// short reply in the client's thread, "Received, request R-12", queued like any delivery
/// and checked by the recipient guard.
///
/// RFC 3834: never to mail that was itself automatic (Auto-Submitted, a list, bulk, a
/// mailer-daemon or no-reply sender, an empty Return-Path), never to ourselves, and at most
/// `acknowledge_per_sender_per_hour` per sender, so two auto-responders cannot loop.
extension Gateway {
    func queueAcknowledgement(request: RequestID, project: ProjectID, message: InboundMessage) async {
        guard let settings = config.projects.first(where: { $0.id == project }), settings.acknowledge,
              let sender = message.headers.from.first
        else { return }
        let own = config.inbox.ownAddresses.map(\.address) + [config.gateway.sender.address]
        let decision = AutoReplyPolicy.decide(
            autoSubmitted: message.headers.autoSubmitted, precedence: message.headers.precedence,
            listID: message.headers.listID, sender: sender.address,
            returnPathEmpty: message.headers.returnPath.map { $0.trimmingCharacters(in: .whitespaces) == "<>" || $0.isEmpty } ?? false,
            ownAddresses: own)
        if case .suppress(let reason) = decision {
            logger.info("no acknowledgement: \(reason)", metadata: ["request": "\(request)"])
            return
        }
        guard let address = try? EmailAddress(parsing: sender.address), (try? RecipientGuard.check([address], for: settings)) != nil else {
            logger.info("no acknowledgement: the sender is outside the project's allow list", metadata: ["request": "\(request)"])
            return
        }
        do throws(HandoffError) {
            let hour = now().addingTimeInterval(-3600)
            let recent = try await store.acknowledgementsSent(to: address.address, since: hour)
            guard recent < config.inbox.acknowledgePerSenderPerHour else {
                logger.info("no acknowledgement: hourly limit for this sender reached", metadata: ["request": "\(request)"])
                return
            }
            try await store.queueAcknowledgement(
                request: request, sender: address.address, messageID: newAcknowledgementID(request).bracketed,
                maxAttempts: config.queue.retry.maxAttempts, now: now())
        } catch {
            logger.warning("acknowledgement not queued: \(error.message)", metadata: ["request": "\(request)"])
        }
    }

    /// A new acknowledgement's Message-ID. It is stored with the acknowledgement, so every
    /// attempt sends the same one and a resumed job can ask the transport whether it went.
    func newAcknowledgementID(_ request: RequestID) throws(HandoffError) -> MessageID {
        var generator = SystemRandomNumberGenerator()
        let token = RandomToken.crockford(length: 12, using: &generator)
        return try MessageID(parsing: "\(request.rawValue).ack.\(token)@\(MessageIDDomain.ascii(config.gateway.sender.domain))")
    }

    /// Sends the acknowledgement the job `job` was queued for.
    func runAcknowledgementJob(_ job: JobRecord) async throws(HandoffError) {
        guard let request = HandoffStore.acknowledgementRequest(of: job) else {
            throw .internal("Job \(job.id ?? 0) names no request to acknowledge (\(job.idempotencyKey)).")
        }
        guard let detail = try await store.requestDetail(request), let project = detail.summary.project,
              let first = detail.messages.first
        else { return }
        let settings = try self.project(project.rawValue)
        let to = try EmailAddress(parsing: detail.summary.from ?? first.from)
        try RecipientGuard.check([to], for: settings)
        guard let stored = try await store.acknowledgementMessageID(for: request) else { return }
        let messageID = try MessageID(parsing: stored)
        if await transport.wasSent(messageID: messageID) == true { return }
        let original = first.messageID.flatMap { try? MessageID(parsing: $0) }
        let subject = Self.tagged(Self.replySubject(detail.summary.subject), with: request)
        let body = (settings.acknowledgeText ?? "Thank you, your request has been received.")
            + "\n\nRequest \(request.rawValue)" + (detail.summary.subject.map { ": \($0)" } ?? "") + "\n"
        let message = OutgoingMessage(
            from: config.gateway.sender, to: [to], subject: subject, date: now(), messageID: messageID,
            inReplyTo: original, references: original.map { [$0] } ?? [], textBody: body,
            extraHeaders: [try HeaderField("Auto-Submitted", "auto-replied"), try HeaderField("X-Handoff-Request", request.rawValue)])
        _ = try await transport.send(try MIMEWriter.render(message), envelope: message.envelope)
        logger.info("acknowledgement sent", metadata: ["request": "\(request)", "to": "\(to.address)"])
    }

    /// The subject with the request's tag, `[#R-12]`, which threads the client's answer
    /// back onto the request whatever their mail client does with the headers.
    static func tagged(_ subject: String, with request: RequestID) -> String {
        SubjectTags.requestReference(in: subject) == request ? subject : subject + " [#\(request.rawValue)]"
    }

    /// `Re: subject`, without piling up `Re: Re:`.
    static func replySubject(_ subject: String?) -> String {
        // The client's subject is untrusted text: a line break or other control character
        // in it must never reach a header (it would be refused, or worse).
        let flat = String(String.UnicodeScalarView((subject ?? "").unicodeScalars.map { $0.isControl ? " " : $0 }))
        let text = flat.trimmingWhitespace()
        if text.lowercased().hasPrefix("re:") { return text }
        return text.isEmpty ? "Re: your request" : "Re: " + text
    }
}
