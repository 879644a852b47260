import Foundation
import HandoffConfig
import HandoffCore
import HandoffInbound
import HandoffMail
import HandoffStore
import Logging
import HandoffConfig
import HandoffMail

/// One fetched message, from raw file to stored request (or report), in this order:
/// parse (off the cooperative pool), set duplicates and reports aside, place it (thread or
/// route), move its attachments into the request's folder, then record message, request
/// and checkpoint in one transaction. A stop before the transaction leaves nothing in the
/// store and the checkpoint where it was, so the next poll fetches the message again.
extension Gateway {
    /// Where a mailbox's poll keeps what it has fetched and not yet stored.
    func inboxStagingFolder(_ mailbox: String) -> String {
        dataPath("inbox", mailbox, "staging")
    }

    func ingest(
        _ fetched: FetchedInboxMessage, mailbox: MailboxSetting, uidValidity: UInt64, checkpoint: MailboxCheckpoint?
    ) async throws(HandoffError) -> InboundDisposition {
        let partsFolder = fetched.file + ".parts"
        defer { try? FileManager.default.removeItem(atPath: partsFolder) }
        let limits = InboundLimits(maxMessageBytes: Int64(mailbox.maxMessageMB) * 1_048_576)
        let parsed: InboundMessage = try await runBlocking { () throws(HandoffError) in
            fetched.complete
                ? try InboundParser.parse(file: fetched.file, attachmentsFolder: partsFolder, limits: limits)
                : try InboundParser.parseHeaders(file: fetched.file, limits: limits)
        }
        var incoming = IncomingMessage(parsed, fetched: fetched, mailbox: mailbox, uidValidity: uidValidity, receivedAt: now())

        if try await store.inboundDuplicate(messageID: parsed.headers.messageID, sha256: parsed.sha256) != nil {
            // Seen through another mailbox or before a UIDVALIDITY change: the checkpoint
            // moves on, nothing else is written.
            _ = try await store.recordInbound(incoming, placement: .ignored(reason: "duplicate"), checkpoint: checkpoint)
            return .ignored
        }
        if isOwnMail(parsed) {
            // Our own notices and acknowledgements, when the VA's mailbox is also the
            // sender's: filing them as requests would start a loop.
            return try await store.recordInbound(incoming, placement: .ignored(reason: "sent by Handoff"), checkpoint: checkpoint)
        }
        if let report = parsed.report {
            await recordClientReport(report, from: incoming.from)
            return try await store.recordInbound(incoming, placement: .report, checkpoint: checkpoint)
        }

        let placement = try await placement(of: parsed, sender: incoming.from)
        let request: RequestID
        let project: ProjectID?
        switch placement {
        case .join(let id):
            request = id
            project = try await store.requestDetail(id)?.summary.project
        case .newRequest(let routed):
            request = try await store.reserveRequestID()
            project = routed
        }
        let folder = dataPath(RequestFolders.relative(project: project, request: request.rawValue) ?? "requests/_unmatched/\(request)")
        incoming.attachments = try moveAttachments(incoming.attachments, from: partsFolder, to: folder)

        let stored: InboundPlacement = switch placement {
        case .join(let id): .join(id)
        case .newRequest(let routed): .newRequest(request, project: routed)
        }
        let disposition = try await store.recordInbound(incoming, placement: stored, checkpoint: checkpoint)
        if case .request(let id, true) = disposition, let project {
            await queueAcknowledgement(request: id, project: project, message: parsed)
        }
        return disposition
    }

    /// Mail Handoff sent itself: from the gateway's sender and marked as ours.
    private func isOwnMail(_ parsed: InboundMessage) -> Bool {
        let own = ([config.gateway.sender.address] + config.inbox.ownAddresses.map(\.address)).map { $0.lowercased() }
        guard let from = parsed.headers.from.first?.address.lowercased(), own.contains(from) else { return false }
        return parsed.headers.autoSubmitted.map { $0.lowercased() != "no" } ?? false
            || parsed.headers.messageID.map { $0.contains(".ack.") || $0.contains(".failure-") || $0.contains(".bounce-") } ?? false
    }

    /// Where the message goes: the request it names, if the same client sent it, else a
    /// new request under the project its sender routes to (or into triage).
    private func placement(of parsed: InboundMessage, sender: String) async throws(HandoffError) -> ThreadPlacement {
        let recipients = (parsed.headers.to + parsed.headers.cc).map(\.address) + parsed.headers.deliveredTo
        let route = RequestRouting.route(
            sender: sender, recipients: recipients, subject: parsed.headers.subject, projects: config.projects,
            ownAddresses: config.inbox.ownAddresses.map(\.address))
        var named: ThreadPlacement.NamedRequest?
        if let tagged = parsed.headers.subject.flatMap(SubjectTags.requestReference(in:)),
           let detail = try await store.requestDetail(tagged) {
            named = .init(id: tagged, project: detail.summary.project, sender: detail.summary.from)
        } else if let (id, project) = try await store.requestThreading(messageIDs: parsed.headers.inReplyTo + parsed.headers.references),
                  let detail = try await store.requestDetail(id) {
            named = .init(id: id, project: project, sender: detail.summary.from)
        }
        return ThreadPlacement.decide(sender: sender, route: route, named: named)
    }

    /// Moves the parsed attachments into the request's folder under names unique there (a
    /// reply may bring a second `invoice.pdf`); `rename(2)` within the data folder.
    private func moveAttachments(_ attachments: [IncomingAttachment], from parts: String, to folder: String) throws(HandoffError) -> [IncomingAttachment] {
        guard !attachments.isEmpty else { return attachments }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("Cannot create the request folder \(folder): \(error.localizedDescription)")
        }
        var moved: [IncomingAttachment] = []
        for var attachment in attachments {
            let name = AttachmentFileName.unique(attachment.savedName, in: folder)
            let source = (parts as NSString).appendingPathComponent(attachment.savedName)
            let target = (folder as NSString).appendingPathComponent(name)
            guard rename(source, target) == 0 else {
                throw .unavailable("Cannot move the attachment \(attachment.savedName) into \(folder): \(String(cString: strerror(errno))).")
            }
            attachment.savedName = name
            moved.append(attachment)
        }
        return moved
    }
}

extension IncomingMessage {
    /// The store's view of a parsed message: the first From address is the sender; the
    /// text of forwarded messages follows the message's own, as a mail client shows it.
    init(_ parsed: InboundMessage, fetched: FetchedInboxMessage, mailbox: MailboxSetting, uidValidity: UInt64, receivedAt: Date) {
        let from = parsed.headers.from.first ?? parsed.headers.sender
        var text = parsed.text
        for forward in parsed.forwarded {
            text += "\n\n---------- Forwarded message ----------\n"
            if let sender = forward.headers.from.first { text += "From: \(sender.address)\n" }
            if let subject = forward.headers.subject { text += "Subject: \(subject)\n" }
            text += "\n" + forward.text
        }
        var defects = parsed.defects
        if !fetched.complete {
            defects.append("larger than \(mailbox.maxMessageMB) MB (max_message_mb): only its header was kept; the message is still in the mailbox")
        }
        self.init(
            mailbox: mailbox.name, uidValidity: uidValidity, key: fetched.ref.key, uid: fetched.ref.uid,
            messageID: parsed.headers.messageID, sha256: parsed.sha256, size: parsed.size,
            from: from?.address ?? "", fromName: from?.name, subject: parsed.headers.subject, date: parsed.headers.date,
            receivedAt: receivedAt, inReplyTo: parsed.headers.inReplyTo, references: parsed.headers.references, text: text,
            attachments: parsed.attachments.map {
                IncomingAttachment(savedName: $0.savedName, originalName: $0.originalName, contentType: $0.contentType, size: $0.size, sha256: $0.sha256, inline: $0.inline)
            },
            defects: defects, headersOnly: !fetched.complete)
    }
}
