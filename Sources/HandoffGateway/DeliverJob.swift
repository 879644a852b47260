import HandoffConfig
import Foundation
import Logging
import HandoffCore
import HandoffLinks
import HandoffMIME
import HandoffMail
import HandoffPackaging
import HandoffStore

/// The `deliver` job: package, route, send, record. Every step first looks at what the
/// store says was already done, so a job resumed after a crash picks up where it stopped
/// and never packages or sends twice.
extension Gateway {
    /// What one job run achieved, for the summary line.
    public enum JobOutcome: Sendable, Equatable {
        case delivered(HandoffID)
        case alreadyFinished(HandoffID)
        case possiblySent(HandoffID)
        case partiallySent(HandoffID)
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

        let package = try await ensurePackage(row: row, project: project)
        var routed = try await compose(row: row, project: project, recipients: recipients, package: package)

        if row.status == .sending, let stored = row.messageId {
            // Resumed after a crash mid-send: ask the transport before sending again.
            let messageID = try MessageID(parsing: stored)
            switch await transport.wasSent(messageID: messageID) {
            case .some(true):
                try await store.markSent(id, serverReply: "found already handed over after a restart", linkURL: routed.link?.url,
                                         event: SentPayload(messageID: stored, route: routed.decision.rawValue, resumed: true))
                try await sendPassphraseIfNeeded(row: row, project: project, recipients: recipients, package: package, mainID: messageID)
                return .delivered(id)
            case .some(false):
                routed.message.messageID = messageID
            case .none:
                try await store.markPossiblySent(id, messageID: stored)
                return .possiblySent(id)
            }
        }

        // Rendering fixes every byte but encodes nothing: the transport streams the
        // attachment from the package as it sends, so no copy of the message is written.
        let message = routed.message
        let rendered = try MIMEWriter.render(message)
        try await store.markSending(id, messageID: message.messageID.bracketed, route: routed.decision)
        logger.info("sending", metadata: ["handoff.id": "\(id)", "bytes": "\(rendered.size)"])
        let envelope = Envelope(sender: config.gateway.sender.address, recipients: recipients.all.map(\.address))
        let result: SendResult
        do throws(HandoffError) {
            result = try await transport.send(rendered, envelope: envelope)
        } catch {
            return try await recordFailedSend(error, id: id, messageID: message.messageID, project: project)
        }
        var sent = SentPayload(
            messageID: message.messageID.bracketed, route: routed.decision.rawValue,
            accepted: LedgerFields.present(result.accepted.joined(separator: ", ")),
            location: LedgerFields.present(result.location), sentCopy: LedgerFields.present(result.sentCopy))
        if result.sentCopy?.hasPrefix("not saved") == true {
            logger.warning("sent copy not saved: \(result.sentCopy ?? "")", metadata: ["handoff.id": "\(id)"])
        }
        if !result.refused.isEmpty {
            // Some recipients have it: not a success, and never sent again to the others'
            // neighbours. Each answer is in the ledger; a person decides what to do.
            let refusals = result.refused.map { "\($0.address): \($0.reply)" }.joined(separator: "; ")
            sent.refused = refusals
            try await store.markPartiallySent(
                id, serverReply: result.serverReply,
                refusals: "Delivered to \(result.accepted.joined(separator: ", ")) only; refused: \(refusals)", event: sent)
            logger.error("partially delivered: \(refusals)", metadata: ["handoff.id": "\(id)", "project": "\(project.id)"])
            return .partiallySent(id)
        }
        try await store.markSent(id, serverReply: result.serverReply, linkURL: routed.link?.url, event: sent)
        try await sendPassphraseIfNeeded(row: row, project: project, recipients: recipients, package: package, mainID: message.messageID)
        logger.info("sent", metadata: ["handoff.id": "\(id)", "project": "\(project.id)", "route": "\(routed.decision.rawValue)"])
        return .delivered(id)
    }

    /// Builds the package unless the store already has one whose file is intact.
    func ensurePackage(row: HandoffRecord, project: Project) async throws(HandoffError) -> PackageInfo {
        let id = row.handoffID
        if let existing = try await store.package(for: id) {
            let info = try existing.packageInfo()
            if let size = (try? FileManager.default.attributesOfItem(atPath: info.archivePath))?[.size] as? Int64, size == info.size {
                return info
            }
            logger.warning("package file missing, rebuilding", metadata: ["handoff.id": "\(id)", "path": "\(info.archivePath)"])
        }
        let source = row.sourcePath
        guard FileManager.default.fileExists(atPath: source) else {
            throw .badInput("The deliverable \(source) is gone: it was moved or deleted after it was queued. Put it back and run `handoff queue retry`, or cancel the job.")
        }
        // An outbox folder goes out only while it is marked complete: without READY it may
        // be a new folder of the same name, still being copied.
        if row.sourceKind == .outbox, !Self.markerExists((source as NSString).appendingPathComponent(ReadyMarker.fileName)) {
            throw .badInput("\(source) has no READY file now, so it may still be being copied: it was not sent. When it is complete, put READY back and run `handoff queue retry`.")
        }
        let name = Self.packageName(for: source)
        let folder = dataPath("packages", id.rawValue)
        let output = (folder as NSString).appendingPathComponent("\(name).\(project.archive.fileExtension)")
        // This job holds the handoff's lease, so anything in its folder is left over from
        // an attempt that died midway: start clean.
        try? FileManager.default.removeItem(atPath: folder)
        try createFolder(for: output)
        // An outbox folder's marker and error note are Handoff's, not the client's.
        let excluded: Set<String> = row.sourceKind == .outbox ? [ReadyMarker.fileName, "ERROR.txt"] : []
        let options = Packager.Options(format: project.archive, compression: .auto, encrypt: row.encrypt, excludedTopLevelNames: excluded)
        let info = try await runBlocking { () throws(HandoffError) in
            try Packager(options: options).package(source: source, to: output, name: name)
        }
        try await store.recordPackage(info, for: id)
        logger.info("packaged", metadata: ["handoff.id": "\(id)", "size": "\(info.size)", "sha256": "\(info.sha256)"])
        return info
    }

    /// The deliverable's name: the folder's (or file's) name, without the `-<id>` an
    /// outbox folder gets once it is moved.
    static func packageName(for source: String) -> String {
        var name = (source as NSString).lastPathComponent
        if name.hasSuffix("/") { name.removeLast() }
        if !FileSystem.isDirectory(source) {
            let stem = (name as NSString).deletingPathExtension
            if !stem.isEmpty { name = stem }
        }
        return name.isEmpty ? "delivery" : name
    }

    struct RoutedMessage {
        var message: OutgoingMessage
        var decision: RoutingPolicy.Decision
        var link: PublishedLink?
    }

    /// Three steps, each handing its result to the next: the message is drafted with the
    /// package attached, the route is decided on its encoded size (the one step that asks
    /// the mail server anything, and only for its limit), and a link is published only
    /// when the route says so.
    func compose(row: HandoffRecord, project: Project, recipients: Recipients, package: PackageInfo) async throws(HandoffError) -> RoutedMessage {
        let draft = try draftMessage(row: row, project: project, recipients: recipients, package: package)
        let serverLimit = RouteDecision.needsServerLimit(row.route) ? try await transport.messageSizeLimit() : nil
        let decision = try RouteDecision(
            route: row.route, messageBytes: try MIMEWriter.encodedSize(of: draft.message),
            configuredLimitBytes: config.mail.maxAttachmentBytes, serverLimitBytes: serverLimit
        ).decide(project: project.id)
        guard decision == .link else { return RoutedMessage(message: draft.message, decision: .email, link: nil) }
        let link = try await publishLink(row: row, package: package)
        return RoutedMessage(message: draft.pointing(to: link), decision: .link, link: link)
    }

    /// Sends an encrypted package's passphrase in its own message, once.
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

    func createFolder(for file: String) throws(HandoffError) {
        try FileSystem.createFolder((file as NSString).deletingLastPathComponent)
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
