import Foundation
import HandoffCore
import HandoffCurl
import HandoffMIME
import Logging

/// An IMAP mailbox, selected: the poll of the plan in `InboxSession`, in IMAP commands.
///
/// SELECT (UIDVALIDITY, EXISTS) → `UID SEARCH UID n+1:*` → `UID FETCH … (UID RFC822.SIZE)`
/// → batched `UID FETCH … (UID RFC822.SIZE BODY.PEEK[])`, each body streamed to its own
/// file → `UID STORE … +FLAGS.SILENT (\Seen)` or `UID MOVE`. PEEK leaves the message unread
/// until the caller has stored it; nothing is ever expunged.
final class IMAPInboxSession: InboxSession {
    let name: String
    private(set) var uidValidity: UInt64 = 0
    private let connection: IMAPConnection
    private let logger: Logger
    private var capabilities: Set<String> = []
    private var exists: UInt32 = 0
    /// EXISTS grew while doing something else: the next wait returns at once.
    private var newsPending = false
    /// Sequence number → UID, from the last size fetch (for a body whose UID comes after it).
    private var uidOfSequence: [UInt32: UInt32] = [:]

    var canIdle: Bool { capabilities.contains("IDLE") }
    private var account: IMAPAccount { connection.account }

    private init(name: String, connection: IMAPConnection, logger: Logger) {
        self.name = name
        self.connection = connection
        self.logger = logger
    }

    /// Asks for the capabilities and selects the mailbox on a logged-in connection.
    static func start(name: String, connection: IMAPConnection, logger: Logger) async throws(HandoffError) -> IMAPInboxSession {
        let session = IMAPInboxSession(name: name, connection: connection, logger: logger)
        do throws(HandoffError) {
            try await session.select()
        } catch {
            await connection.close()
            throw error
        }
        return session
    }

    /// The error for a connection libcurl could not open or log in on.
    static func connectError(_ failure: CurlFailure, name: String, account: IMAPAccount) -> HandoffError {
        let what = "Cannot open the inbox \(name) (\(account.mailbox), \(account.account))"
        switch failure.kind {
        case .loginDenied:
            return .unavailable("\(what): the server refused the login (\(failure.message)). Check username and password (or the OAuth token) of this mailbox in [inbox].")
        case .certificateRejected, .tlsHandshake:
            let hint = account.trust.caFile.map { "Check that ca_file (\($0)) is the CA that signed the server's certificate." }
                ?? "If the server uses a private CA, set ca_file to its certificate."
            return .unavailable("\(what): TLS failed: \(failure.message). \(hint)")
        case .tlsNotOffered:
            return .unavailable("\(what): the server offers no STARTTLS, and imap:// never logs in without TLS. Use imaps:// if the server has it.")
        case .timedOut:
            return .temporary("\(what): \(failure.message). The next poll tries again.")
        default:
            return .unavailable("\(what): \(failure.message).")
        }
    }

    private func select() async throws(HandoffError) {
        try await connection.run("CAPABILITY") { event throws(HandoffError) in self.observe(event) }
        guard let mailbox = IMAPString.mailbox(account.mailbox) else {
            throw .config("The mailbox name of the inbox \(name) holds a line break; check [inbox].")
        }
        uidValidity = 0
        exists = 0
        try await connection.run("SELECT \(mailbox)", refusal: .config) { event throws(HandoffError) in
            if case .response(.status(.ok, let code?, _)) = event, code.name == "UIDVALIDITY", let value = code.number {
                self.uidValidity = value
            }
            self.observe(event)
        }
        guard uidValidity != 0 else {
            throw .unavailable("The IMAP server \(account.account) gave no UIDVALIDITY for \(account.mailbox), so messages cannot be checkpointed.")
        }
        newsPending = false
    }

    /// What any response says about the mailbox, whatever command it came with.
    private func observe(_ event: IMAPResponseEvent) {
        guard case .response(let response) = event else { return }
        switch response {
        case .capability(let words):
            capabilities = Set(words)
        case .status(_, let code?, _) where code.name == "CAPABILITY":
            capabilities = Set(code.words)
        case .exists(let count):
            if count > exists { newsPending = true }
            exists = count
        case .expunge:
            exists = exists > 0 ? exists - 1 : 0
        default:
            break
        }
    }

    func messageCount() async throws(HandoffError) -> Int {
        try await connection.run("NOOP") { event throws(HandoffError) in self.observe(event) }
        return Int(exists)
    }

    func pending(afterUID: UInt32, since: Date?) async throws(HandoffError) -> [InboxMessageRef] {
        guard afterUID < UInt32.max else { return [] }
        var command = "UID SEARCH UID \(afterUID + 1):*"
        if let since { command += " SINCE \(IMAPCommandText.searchDate(since))" }
        var uids: [UInt32] = []
        try await connection.run(command) { event throws(HandoffError) in
            if case .response(.search(let found)) = event { uids += found }
            self.observe(event)
        }
        // `n:*` always matches the highest UID, even one at or below n.
        uids = Array(Set(uids.filter { $0 > afterUID })).sorted()
        guard !uids.isEmpty else { return [] }
        let sizes = try await sizes(of: uids)
        return uids.compactMap { uid in sizes[uid].map { InboxMessageRef(uid: uid, key: String(uid), size: $0) } }
    }

    /// RFC822.SIZE of each UID (a message expunged meanwhile is missing from the answer).
    private func sizes(of uids: [UInt32]) async throws(HandoffError) -> [UInt32: Int64] {
        var sizes: [UInt32: Int64] = [:]
        for chunk in stride(from: 0, to: uids.count, by: 500) {
            let set = IMAPCommandText.sequenceSet(Array(uids[chunk..<min(chunk + 500, uids.count)]))
            try await connection.run("UID FETCH \(set) (UID RFC822.SIZE)") { event throws(HandoffError) in
                if case .response(.fetch(let fetch)) = event, let uid = fetch.uid {
                    if let size = fetch.size { sizes[uid] = size }
                    self.uidOfSequence[fetch.sequence] = uid
                }
                self.observe(event)
            }
        }
        return sizes
    }

    func fetch(_ refs: [InboxMessageRef], into folder: String, maxBytes: Int64) async throws(HandoffError) -> [FetchedInboxMessage] {
        let whole = refs.filter { $0.size <= maxBytes }
        let headersOnly = refs.filter { $0.size > maxBytes }
        var written: [UInt32: FetchedInboxMessage] = [:]
        for batch in IMAPFetchBatches.split(whole) {
            try await fetchBatch(batch, items: "(UID RFC822.SIZE BODY.PEEK[])", complete: true, folder: folder, into: &written)
        }
        // Headers are small whatever the message's size: only the count limits these batches.
        for batch in IMAPFetchBatches.split(headersOnly, maxBytes: .max) {
            try await fetchBatch(batch, items: "(UID BODY.PEEK[HEADER])", complete: false, folder: folder, into: &written)
        }
        // In the order asked; a message expunged by another client meanwhile is left out.
        return refs.compactMap { written[$0.uid] }
    }

    private func fetchBatch(
        _ batch: [InboxMessageRef], items: String, complete: Bool, folder: String, into written: inout [UInt32: FetchedInboxMessage]
    ) async throws(HandoffError) {
        let wanted = Dictionary(batch.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        var file: (MessageFile, InboxMessageRef)?
        var done: [UInt32: FetchedInboxMessage] = [:]
        let command = "UID FETCH \(IMAPCommandText.sequenceSet(batch.map(\.uid))) \(items)"
        try await connection.run(command) { event throws(HandoffError) in
            switch event {
            case .literalStart(let start):
                guard let uid = start.uid ?? self.uidOfSequence[start.sequence], let ref = wanted[uid] else {
                    throw .unavailable("The IMAP server \(self.account.account) sent a message body (\(start.section), message \(start.sequence)) that was not asked for, or without its UID.")
                }
                file = (try MessageFile(finalPath: folder + "/" + InboxFiles.fileName(for: ref.key)), ref)
            case .literalData(let bytes):
                try file?.0.write(bytes)
            case .literalEnd:
                if let (output, ref) = file {
                    // Not synced: the staging copy lives until it is parsed and stored, and
                    // a crash before that fetches it again (the store holds what counts).
                    try output.commit(sync: false)
                    // The ref keeps the message's size, also when only its header came.
                    done[ref.uid] = FetchedInboxMessage(ref: ref, file: output.path, complete: complete)
                }
                file = nil
            case .response:
                self.observe(event)
            }
        }
        written.merge(done) { _, new in new }
    }

    func markProcessed(_ refs: [InboxMessageRef], moveTo folder: String?) async throws(HandoffError) {
        let uids = refs.map(\.uid)
        let target: String?
        if let folder {
            guard let quoted = IMAPString.mailbox(folder) else {
                throw .config("The processed_folder of the inbox \(name) holds a line break; check [inbox].")
            }
            target = quoted
        } else {
            target = nil
        }
        for chunk in stride(from: 0, to: uids.count, by: 500) {
            let set = IMAPCommandText.sequenceSet(Array(uids[chunk..<min(chunk + 500, uids.count)]))
            try await connection.run("UID STORE \(set) +FLAGS.SILENT (\\Seen)") { event throws(HandoffError) in self.observe(event) }
            guard let target else { continue }
            // MOVE where offered; without it a COPY leaves the (now read) original in place,
            // since removing it would take an EXPUNGE, which Handoff never sends.
            let verb = capabilities.contains("MOVE") ? "UID MOVE" : "UID COPY"
            try await connection.run("\(verb) \(set) \(target)", refusal: .config) { event throws(HandoffError) in self.observe(event) }
        }
    }

    func waitForNews(upTo seconds: Double) async throws(HandoffError) -> Bool {
        if newsPending {
            newsPending = false
            return true
        }
        guard canIdle, seconds > 0 else { return false }
        let tag = try await connection.send("IDLE")
        // The server's `+ idling` first (passed over), then EXISTS whenever mail arrives.
        // Read in slices of a second so that a cancelled task (a shutdown) ends the wait soon.
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while !newsPending, !Task.isCancelled {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { break }
            let slice = min(1, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
            guard let event = try await connection.next(within: slice) else { continue }
            if case .response(.tagged(let replyTag, let status, _, let text)) = event, replyTag == tag {
                // The server ended IDLE itself (or refused it): nothing more to wait for.
                guard status == .ok else {
                    throw .unavailable("The IMAP server \(account.account) refused IDLE on the mailbox \(account.mailbox): \(status.rawValue) \(text)")
                }
                return consumeNews()
            }
            observe(event)
        }
        try await connection.sendLine("DONE")
        try await connection.finish(tag, command: "IDLE") { event throws(HandoffError) in self.observe(event) }
        return consumeNews()
    }

    private func consumeNews() -> Bool {
        defer { newsPending = false }
        return newsPending
    }

    func close() async {
        await connection.close()
    }
}
