import Foundation
import HandoffConfig
import HandoffCore
import HandoffMail
import HandoffStore
import Logging

/// One poll of one mailbox: what is new since the checkpoint is fetched in batches, each
/// message stored with the checkpoint in one transaction, then flagged `\Seen` (or moved to
/// `processed_folder`). Nothing is deleted or expunged.
///
/// Killed at any moment, the next poll loses and doubles nothing: a message is in the
/// store together with the checkpoint that passes it, or in neither; the store refuses a
/// second copy of a message it holds (same mailbox key, or same Message-ID and content).
extension Gateway {
    /// What a poll did, for `inbox poll` and the log.
    public struct MailboxPollReport: Sendable {
        public var mailbox: String
        public var fetched = 0
        public var requests: [RequestID] = []
        public var joined: [RequestID] = []
        public var reports = 0
        public var ignored = 0
        public var bytes: Int64 = 0
        /// The mailbox's UIDVALIDITY changed since the last poll and it was read again.
        public var rescanned = false
    }

    /// How many messages one FETCH asks for: large enough to keep the connection busy,
    /// small enough that a stop wastes little.
    static let inboxBatchSize = 50

    public func pollMailbox(
        _ mailbox: MailboxSetting, progress: (@Sendable (MailboxPollReport) -> Void)? = nil
    ) async throws(HandoffError) -> MailboxPollReport {
        let session = try await inboxSource(for: mailbox).open(logger: logger)
        do {
            let report = try await poll(session, mailbox: mailbox, progress: progress)
            await session.close()
            return report
        } catch {
            await session.close()
            throw error
        }
    }

    func poll(
        _ session: any InboxSession, mailbox: MailboxSetting, progress: (@Sendable (MailboxPollReport) -> Void)?
    ) async throws(HandoffError) -> MailboxPollReport {
        let lock = try MailboxPollLock.acquire(dataPath("inbox", mailbox.name, "poll.lock"), mailbox: mailbox.name)
        defer { withExtendedLifetime(lock) {} }
        var report = MailboxPollReport(mailbox: mailbox.name)
        let validity = session.uidValidity
        let saved = try await store.mailboxCheckpoint(mailbox.name)
        var checkpoint = MailboxCheckpoint(mailbox: mailbox.name, uidValidity: validity, lastUID: 0)
        var since: Date?
        if let saved, saved.uidValidity == validity {
            checkpoint = saved
        } else if let saved {
            // The server renumbered the mailbox: read it again from `since`; what was
            // stored before is recognised by Message-ID and content, not by UID.
            report.rescanned = true
            since = mailbox.since.start(now: now())
            logger.warning("mailbox UIDVALIDITY changed; reading it again", metadata: [
                "mailbox": "\(mailbox.name)", "was": "\(saved.uidValidity)", "now": "\(validity)",
            ])
        } else {
            since = mailbox.since.start(now: now())
        }

        let staging = inboxStagingFolder(mailbox.name)
        // Left by a poll that was stopped: nothing in it was stored, it is fetched again.
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("Cannot create \(staging) for mail being fetched: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: staging) }

        try await flagLeftovers(session, mailbox: mailbox, uidValidity: validity)
        var pending = try await session.pending(afterUID: checkpoint.lastUID, since: since)
        let known = try await store.knownInboundKeys(mailbox: mailbox.name, uidValidity: validity, keys: pending.map(\.key))
        pending.removeAll { known.contains($0.key) }

        let maxBytes = mailbox.maxMessageBytes
        // Batch k is parsed and stored while batch k+1 comes over the network: the
        // session is used by this task alone, the ingest by its child.
        let batches = stride(from: 0, to: pending.count, by: Self.inboxBatchSize).map {
            Array(pending[$0..<min($0 + Self.inboxBatchSize, pending.count)])
        }
        var sweep = StagingSweep()
        var fetched = batches.isEmpty ? [] : try await session.fetch(batches[0], into: staging, maxBytes: maxBytes)
        for index in batches.indices {
            async let stored = ingestResult(fetched, mailbox: mailbox, uidValidity: validity, checkpoint: checkpoint)
            let next: Result<[FetchedInboxMessage], HandoffError>
            do throws(HandoffError) {
                next = .success(index + 1 < batches.count ? try await session.fetch(batches[index + 1], into: staging, maxBytes: maxBytes) : [])
            } catch {
                next = .failure(error)
            }
            let dispositions = try await stored.get()
            checkpoint.lastUID = max(checkpoint.lastUID, fetched.map(\.ref.uid).max() ?? 0)
            for (message, disposition) in zip(fetched, dispositions) {
                sweep.add(message)
                report.fetched += 1
                report.bytes += message.ref.size
                switch disposition {
                case .request(let id, let isNew):
                    if isNew { report.requests.append(id) } else { report.joined.append(id) }
                case .report: report.reports += 1
                case .ignored: report.ignored += 1
                }
            }
            progress?(report)
            let refs = fetched.map(\.ref)
            try await session.markProcessed(refs, moveTo: mailbox.processedFolder)
            try await store.markInboundFlagged(mailbox: mailbox.name, uidValidity: validity, keys: refs.map(\.key), at: now())
            fetched = try next.get()
        }
        if report.fetched > 0 {
            logger.info("mailbox polled", metadata: [
                "mailbox": "\(mailbox.name)", "fetched": "\(report.fetched)", "requests": "\(report.requests.count)",
                "joined": "\(report.joined.count)", "reports": "\(report.reports)",
            ])
        }
        return report
    }

    /// `ingest` as a value, so it can run as a child task beside the next fetch.
    private func ingestResult(
        _ fetched: [FetchedInboxMessage], mailbox: MailboxSetting, uidValidity: UInt64, checkpoint: MailboxCheckpoint
    ) async -> Result<[InboundDisposition], HandoffError> {
        do throws(HandoffError) {
            return .success(try await ingest(fetched, mailbox: mailbox, uidValidity: uidValidity, checkpoint: checkpoint))
        } catch {
            return .failure(error)
        }
    }

    /// Flags what an earlier poll stored but was stopped before flagging: the message is
    /// safe in the store, and the mailbox should say so like for every other.
    private func flagLeftovers(_ session: any InboxSession, mailbox: MailboxSetting, uidValidity: UInt64) async throws(HandoffError) {
        let leftovers = try await store.unflaggedInbound(mailbox: mailbox.name, uidValidity: uidValidity)
        guard !leftovers.isEmpty else { return }
        try await session.markProcessed(leftovers.map { InboxMessageRef(uid: $0.uid, key: $0.key, size: $0.size) }, moveTo: mailbox.processedFolder)
        try await store.markInboundFlagged(mailbox: mailbox.name, uidValidity: uidValidity, keys: leftovers.map(\.key), at: now())
    }
}

/// Removes what a poll has stored from the staging folder, in sweeps rather than file by
/// file: on ext4, creating files among many just deleted ones scans the inode table for
/// each new file (deleted inodes are not reused until the journal commits), which made
/// fetching slower than parsing and storing together. The rest goes with the staging
/// folder at the end of the poll.
struct StagingSweep {
    /// Staging may hold this much stored mail before a sweep.
    static let limitBytes: Int64 = 256 << 20
    private var paths: [String] = []
    private var bytes: Int64 = 0

    mutating func add(_ message: FetchedInboxMessage) {
        paths += [message.file, Gateway.partsFolder(message)]
        bytes += message.ref.size
        if bytes > Self.limitBytes {
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
            paths = []
            bytes = 0
        }
    }
}
