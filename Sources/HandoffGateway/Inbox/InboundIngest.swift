import Foundation
import HandoffConfig
import HandoffCore
import HandoffInbound
import HandoffMail
import HandoffStore
import Logging

/// One fetched batch, from raw files to stored requests (or reports), in this order: parse
/// every message (in parallel, off the cooperative pool), set duplicates, our own mail and
/// reports aside, place each message (the request it answers, possibly one opened earlier
/// in the same batch, or a new one), reserve the new requests' numbers, move attachments
/// into the requests' folders, then record the whole batch and the checkpoint in one
/// transaction. A stop before that transaction leaves nothing in the store and the
/// checkpoint where it was, so the next poll fetches the batch again.
extension Gateway {
    /// Where a mailbox's poll keeps what it has fetched and not yet stored.
    func inboxStagingFolder(_ mailbox: String) -> String {
        dataPath("inbox", mailbox, "staging")
    }

    /// A request as the placement sees it: stored already, or the n-th new request of the
    /// batch being placed.
    enum BatchRequest: Equatable {
        case stored(RequestID)
        case new(Int)
    }

    /// What happens to one message of a batch.
    private enum Outcome {
        case ignored(String)
        case report
        /// `opens`: the message opens the request (a new one), rather than joining it.
        case request(BatchRequest, project: ProjectID?, opens: Bool)
    }

    func ingest(
        _ batch: [FetchedInboxMessage], mailbox: MailboxSetting, uidValidity: UInt64, checkpoint: MailboxCheckpoint
    ) async throws(HandoffError) -> [InboundDisposition] {
        // The staging files and parts folders are the poll's to remove (see `StagingSweep`).
        let parsed = try await parseAll(batch, mailbox: mailbox)
        var incoming = zip(batch, parsed).map { fetched, message in
            IncomingMessage(message, fetched: fetched, mailbox: mailbox, uidValidity: uidValidity, receivedAt: now())
        }

        // Placement, message by message, remembering what the batch itself opened.
        var outcomes: [Outcome] = []
        var threads: [String: ThreadPlacement<BatchRequest>.NamedRequest] = [:]
        var seen = Set<String>()
        var newRequests = 0
        for (index, message) in parsed.enumerated() {
            let identity = (message.headers.messageID ?? "") + " " + message.sha256
            let storedBefore = try await store.inboundDuplicate(messageID: message.headers.messageID, sha256: message.sha256) != nil
            if !seen.insert(identity).inserted || storedBefore {
                // Seen through another mailbox, before a UIDVALIDITY change, or twice in
                // this batch: recorded (so it is never read again), nothing else.
                outcomes.append(.ignored("duplicate"))
                continue
            }
            if isOwnMail(message) {
                // Our own notices and acknowledgements, when the VA's mailbox is also the
                // sender's: filing them as requests would start a loop.
                outcomes.append(.ignored("sent by Handoff"))
                continue
            }
            if message.report != nil {
                // Written to its handoff's ledger once the batch is stored (below).
                outcomes.append(.report)
                continue
            }
            let named = try await namedRequest(of: message, inBatch: threads)
            let sender = incoming[index].from
            switch ThreadPlacement.decide(sender: sender, route: route(message, sender: sender), named: named) {
            case .join(let request):
                outcomes.append(.request(request, project: named?.project, opens: false))
                if let id = message.headers.messageID { threads[id] = named }
            case .newRequest(let project):
                let request = BatchRequest.new(newRequests)
                newRequests += 1
                outcomes.append(.request(request, project: project, opens: true))
                if let id = message.headers.messageID { threads[id] = .init(id: request, project: project, sender: sender) }
            }
        }

        let reserved = try await store.reserveRequestIDs(count: newRequests)
        var records: [(message: IncomingMessage, placement: InboundPlacement)] = []
        var moved: [String] = []
        let recorded: [InboundDisposition]
        do throws(HandoffError) {
            for (index, outcome) in outcomes.enumerated() {
                switch outcome {
                case .ignored(let reason):
                    records.append((incoming[index], .ignored(reason: reason)))
                case .report:
                    records.append((incoming[index], .report))
                case .request(let request, let project, let opens):
                    let id: RequestID = switch request {
                    case .stored(let id): id
                    case .new(let slot): reserved[slot]
                    }
                    let folder = dataPath(RequestFolders.relative(project: project, request: id.rawValue) ?? "requests/_unmatched/\(id)")
                    incoming[index].attachments = try moveAttachments(incoming[index].attachments, from: Self.partsFolder(batch[index]), to: folder)
                    moved += incoming[index].attachments.map { Paths.join(folder, $0.savedName) }
                    records.append((incoming[index], opens ? .newRequest(id, project: project) : .join(id)))
                }
            }
            var last = checkpoint
            last.lastUID = max(checkpoint.lastUID, batch.map(\.ref.uid).max() ?? 0)
            recorded = try await store.recordInbound(records, checkpoint: last)
        } catch {
            // Nothing of the batch is in the store: the files moved for it go too, so the
            // next poll, which reads the batch again, finds no stray copies.
            for file in moved { try? FileManager.default.removeItem(atPath: file) }
            throw error
        }
        // A duplicate reads back as the disposition of the message it repeats; for this
        // poll it is one ignored.
        let dispositions = recorded.enumerated().map { index, disposition in
            if case .ignored = outcomes[index] { return InboundDisposition.ignored }
            return disposition
        }

        // After the batch is stored, so a report is written to its handoff's ledger once:
        // a batch that failed is read again, and its reports with it.
        for (index, disposition) in dispositions.enumerated() {
            if case .report = disposition, let report = parsed[index].report {
                await recordClientReport(report, from: incoming[index].from)
            }
            if case .request(let id, true) = disposition, case .request(_, let project?, _) = outcomes[index] {
                await queueAcknowledgement(request: id, project: project, message: parsed[index])
            }
        }
        return dispositions
    }

    /// Where a message's attachments are parsed to, next to its raw file in the staging folder.
    static func partsFolder(_ fetched: FetchedInboxMessage) -> String {
        fetched.file + ".parts"
    }

    /// Parses the batch, a message per core at a time; results in the batch's order.
    private func parseAll(_ batch: [FetchedInboxMessage], mailbox: MailboxSetting) async throws(HandoffError) -> [InboundMessage] {
        let limits = InboundLimits(maxMessageBytes: mailbox.maxMessageBytes)
        let width = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        let outcome: Result<[InboundMessage], HandoffError> = await withTaskGroup(of: (Int, Result<InboundMessage, HandoffError>).self) { group in
            var results = [InboundMessage?](repeating: nil, count: batch.count)
            var next = 0
            func start() {
                guard next < batch.count else { return }
                let index = next
                let fetched = batch[index]
                next += 1
                group.addTask {
                    do throws(HandoffError) {
                        return (index, .success(try await runBlocking { () throws(HandoffError) in
                            fetched.complete
                                ? try InboundParser.parse(file: fetched.file, attachmentsFolder: Self.partsFolder(fetched), limits: limits)
                                : try InboundParser.parseHeaders(file: fetched.file, limits: limits)
                        }))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<width { start() }
            for await (index, result) in group {
                switch result {
                case .success(let message): results[index] = message
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
                start()
            }
            return .success(results.compactMap { $0 })
        }
        return try outcome.get()
    }

    /// The project the sender routes to (contacts, allow rules, plus-address, subject tag).
    private func route(_ message: InboundMessage, sender: String) -> RequestRoute {
        let recipients = (message.headers.to + message.headers.cc).map(\.address) + message.headers.deliveredTo
        return RequestRouting.route(
            sender: sender, recipients: recipients, subject: message.headers.subject, projects: config.projects,
            ownAddresses: config.inbox.ownAddresses.map(\.address))
    }

    /// The request a message names: by a `[#R-12]` tag, else by the Message-IDs it answers
    /// (those of this batch first, then the store's).
    private func namedRequest(
        of message: InboundMessage, inBatch threads: [String: ThreadPlacement<BatchRequest>.NamedRequest]
    ) async throws(HandoffError) -> ThreadPlacement<BatchRequest>.NamedRequest? {
        if let tagged = message.headers.subject.flatMap(SubjectTags.requestReference(in:)),
           let detail = try await store.requestDetail(tagged) {
            return .init(id: .stored(tagged), project: detail.summary.project, sender: detail.summary.from)
        }
        let answered = message.headers.inReplyTo + message.headers.references
        if let local = answered.reversed().lazy.compactMap({ threads[$0] }).first { return local }
        if let (id, project) = try await store.requestThreading(messageIDs: answered) {
            let opener = project == nil ? try await store.requestDetail(id)?.summary.from : nil
            return .init(id: .stored(id), project: project, sender: opener)
        }
        return nil
    }

    /// Mail Handoff sent itself: from the gateway's sender and marked as ours.
    private func isOwnMail(_ parsed: InboundMessage) -> Bool {
        let own = ([config.gateway.sender.address] + config.inbox.ownAddresses.map(\.address)).map { $0.lowercased() }
        guard let from = parsed.headers.from.first?.address.lowercased(), own.contains(from) else { return false }
        return parsed.headers.autoSubmitted.map { $0.lowercased() != "no" } ?? false
            || parsed.headers.messageID.map { $0.contains(".ack.") || $0.contains(".failure-") || $0.contains(".bounce-") } ?? false
    }

    /// Moves the parsed attachments into the request's folder under names unique there (a
    /// reply may bring a second `invoice.pdf`); `rename(2)` within the data folder.
    private func moveAttachments(_ attachments: [IncomingAttachment], from parts: String, to folder: String) throws(HandoffError) -> [IncomingAttachment] {
        guard !attachments.isEmpty else { return attachments }
        try FileSystem.createFolder(folder, hint: "Check that the data folder is writable.")
        var moved: [IncomingAttachment] = []
        for var attachment in attachments {
            let name = AttachmentFileName.unique(attachment.savedName, in: folder)
            let source = Paths.join(parts, attachment.savedName)
            let target = Paths.join(folder, name)
            // On disk before it is recorded: a power cut must not leave a stored request
            // pointing at an empty file.
            try FileSystem.syncFile(source)
            guard rename(source, target) == 0 else {
                throw .unavailable("Cannot move the attachment \(attachment.savedName) into \(folder): \(FileSystem.errnoText()).")
            }
            attachment.savedName = name
            moved.append(attachment)
        }
        // The renames reach the disk before the store records the files.
        FileSystem.syncFolder(folder)
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
