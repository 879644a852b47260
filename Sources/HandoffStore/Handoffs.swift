import Foundation
import GRDB
import HandoffCore

/// Handoff rows and their moves from one status to the next. Each move and its ledger
/// event are written in one transaction, so the ledger never disagrees with the row.
extension HandoffStore {
    /// What `queueDelivery` did.
    public enum QueueOutcome: Sendable, Equatable {
        /// A new handoff and its job are in the store.
        case queued(HandoffRecord)
        /// The idempotency key was seen before: this is the handoff it queued.
        case existing(HandoffRecord)

        public var record: HandoffRecord {
            switch self {
            case .queued(let record), .existing(let record): record
            }
        }
    }

    /// Puts a delivery in the store (handoff row, its job, the `queued` ledger event) in one
    /// transaction: once this returns, nothing is lost whatever happens next.
    public func queueDelivery(
        _ request: DeliveryRequest, id: HandoffID = .generate(), maxAttempts: Int, now: Date = Date()
    ) throws(HandoffError) -> QueueOutcome {
        try write("queue a delivery", try Self.queueing(request, id: id, maxAttempts: maxAttempts, now: now))
    }

    public func queueDelivery(
        _ request: DeliveryRequest, id: HandoffID = .generate(), maxAttempts: Int, now: Date = Date()
    ) async throws(HandoffError) -> QueueOutcome {
        try await write("queue a delivery", try Self.queueing(request, id: id, maxAttempts: maxAttempts, now: now))
    }

    static func queueing(
        _ request: DeliveryRequest, id: HandoffID, maxAttempts: Int, now: Date
    ) throws(HandoffError) -> @Sendable (Database) throws -> QueueOutcome {
        var request = request
        // `--request r-3` answers R-3: the handoff and its billing name the stored id.
        request.requestID = request.requestID.map(Self.storedRequestID)
        let recipients = Recipients(to: request.to, cc: request.cc, bcc: request.bcc)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let recipientData = try? encoder.encode(recipients) else {
            throw .internal("Could not encode the recipients of a delivery for project \(request.project).")
        }
        let path = request.source.path
        return { [request] db in
            if let key = request.idempotencyKey,
               let existing = try HandoffRecord.find(db, idempotencyKey: key) {
                return .existing(existing)
            }
            let record = HandoffRecord(
                id: id.rawValue, projectId: request.project.rawValue, sourceKind: request.source.kind, sourcePath: path,
                recipients: String(decoding: recipientData, as: UTF8.self), route: request.route,
                decidedRoute: nil, message: request.message, requestId: request.requestID, encrypt: request.encrypt,
                status: .queued, messageId: nil, serverReply: nil, linkUrl: nil, lastError: nil,
                idempotencyKey: request.idempotencyKey, createdAt: now, updatedAt: now, sentAt: nil)
            try record.insert(db)
            _ = try Self.enqueue(
                db, NewJob(kind: .deliver, handoff: id, idempotencyKey: "deliver:" + id.rawValue, maxAttempts: maxAttempts, runAt: now),
                now: now)
            let queued = QueuedPayload(
                source: LedgerFields.present(path),
                to: LedgerFields.present(recipients.to.map(\.address).joined(separator: ", ")),
                cc: LedgerFields.present(recipients.cc.map(\.address).joined(separator: ", ")),
                bccCount: recipients.bcc.count, route: request.route.rawValue)
            try Self.appendEvent(db, project: request.project.rawValue, handoff: id.rawValue, payload: queued, at: now)
            try Self.billTimeEntries(db, request: request, handoff: id.rawValue, now: now)
            return .queued(record)
        }
    }

    public func handoff(_ id: HandoffID) throws(HandoffError) -> HandoffRecord? {
        try lookup("read a handoff", Self.findingHandoff(id))
    }

    public func handoff(_ id: HandoffID) async throws(HandoffError) -> HandoffRecord? {
        try await lookup("read a handoff", Self.findingHandoff(id))
    }

    static func findingHandoff(_ id: HandoffID) -> @Sendable (Database) throws -> HandoffRecord? {
        { db in try HandoffRecord.find(db, id: id.rawValue) }
    }

    public func handoff(idempotencyKey key: String) throws(HandoffError) -> HandoffRecord? {
        try lookup("read a handoff", Self.findingHandoff(idempotencyKey: key))
    }

    public func handoff(idempotencyKey key: String) async throws(HandoffError) -> HandoffRecord? {
        try await lookup("read a handoff", Self.findingHandoff(idempotencyKey: key))
    }

    static func findingHandoff(idempotencyKey key: String) -> @Sendable (Database) throws -> HandoffRecord? {
        { db in try HandoffRecord.find(db, idempotencyKey: key) }
    }

    public func handoffs(project: ProjectID? = nil, limit: Int = 1000) throws(HandoffError) -> [HandoffRecord] {
        try read("list handoffs") { db in
            var request = HandoffRecord.order(Column("createdAt").desc, Column("id")).limit(limit)
            if let project { request = request.filter(Column("projectId") == project.rawValue) }
            return try request.fetchAll(db)
        }
    }

    /// Handoffs queued from outbox folders that have not been finalised (moved) yet.
    public func outboxHandoffs(statuses: [HandoffStatus]) throws(HandoffError) -> [HandoffRecord] {
        try read("list outbox handoffs", Self.listingOutboxHandoffs(statuses: statuses))
    }

    public func outboxHandoffs(statuses: [HandoffStatus]) async throws(HandoffError) -> [HandoffRecord] {
        try await read("list outbox handoffs", Self.listingOutboxHandoffs(statuses: statuses))
    }

    static func listingOutboxHandoffs(statuses: [HandoffStatus]) -> @Sendable (Database) throws -> [HandoffRecord] {
        { db in
            try HandoffRecord
                .filter(Column("sourceKind") == HandoffSource.Kind.outbox)
                .filter(statuses.contains(Column("status")))
                .fetchAll(db)
        }
    }

    /// Handoffs in `status` that changed at `since` or later (failures recorded while a
    /// drain ran, for instance).
    public func handoffs(status: HandoffStatus, updatedSince since: Date) throws(HandoffError) -> [HandoffRecord] {
        try read("list handoffs by status", Self.listingHandoffs(status: status, updatedSince: since))
    }

    public func handoffs(status: HandoffStatus, updatedSince since: Date) async throws(HandoffError) -> [HandoffRecord] {
        try await read("list handoffs by status", Self.listingHandoffs(status: status, updatedSince: since))
    }

    static func listingHandoffs(status: HandoffStatus, updatedSince since: Date) -> @Sendable (Database) throws -> [HandoffRecord] {
        { db in try HandoffRecord.filter(Column("status") == status.rawValue && Column("updatedAt") >= since).fetchAll(db) }
    }

    public func package(for handoff: HandoffID) throws(HandoffError) -> PackageRecord? {
        try lookup("read a package", Self.findingPackage(for: handoff))
    }

    public func package(for handoff: HandoffID) async throws(HandoffError) -> PackageRecord? {
        try await lookup("read a package", Self.findingPackage(for: handoff))
    }

    static func findingPackage(for handoff: HandoffID) -> @Sendable (Database) throws -> PackageRecord? {
        { db in try PackageRecord.find(db, handoff: handoff.rawValue) }
    }

    /// Records the built package and moves the handoff to `packaged`.
    public func recordPackage(_ info: PackageInfo, for handoff: HandoffID, now: Date = Date()) throws(HandoffError) {
        try write("record a package", try Self.recordingPackage(info, for: handoff, now: now))
    }

    public func recordPackage(_ info: PackageInfo, for handoff: HandoffID, now: Date = Date()) async throws(HandoffError) {
        try await write("record a package", try Self.recordingPackage(info, for: handoff, now: now))
    }

    static func recordingPackage(
        _ info: PackageInfo, for handoff: HandoffID, now: Date
    ) throws(HandoffError) -> @Sendable (Database) throws -> Void {
        let record = try PackageRecord(handoff: handoff, info: info, at: now)
        return { db in
            guard var row = try HandoffRecord.find(db, id: handoff.rawValue) else {
                throw HandoffError.internal("Handoff \(handoff) vanished from the store while packaging.")
            }
            // A package rebuilt after its file went missing replaces the old row.
            try record.upsert(db)
            row.status = .packaged
            row.updatedAt = now
            try row.update(db)
            let packaged = PackagedPayload(
                file: info.fileName, format: info.format.rawValue, size: info.size, sha256: info.sha256,
                files: info.manifest.fileCount, encrypted: info.passphrase != nil)
            try Self.appendEvent(db, project: row.projectId, handoff: row.id, payload: packaged, at: now)
        }
    }

    /// Records that a send is about to start: if we crash after this, a resumed job asks
    /// the transport whether the message got through instead of sending blindly.
    public func markSending(_ handoff: HandoffID, messageID: String, route: RoutingPolicy.Decision, now: Date = Date()) throws(HandoffError) {
        try write("mark a handoff as sending", Self.markingSending(handoff, messageID: messageID, route: route, now: now))
    }

    public func markSending(_ handoff: HandoffID, messageID: String, route: RoutingPolicy.Decision, now: Date = Date()) async throws(HandoffError) {
        try await write("mark a handoff as sending", Self.markingSending(handoff, messageID: messageID, route: route, now: now))
    }

    static func markingSending(
        _ handoff: HandoffID, messageID: String, route: RoutingPolicy.Decision, now: Date
    ) -> @Sendable (Database) throws -> Void {
        updating(handoff) { row in
            row.status = .sending
            row.messageId = messageID
            row.decidedRoute = route
            row.updatedAt = now
        }
    }

    /// Records a finished send and its `sent` ledger event (`serverReply` goes in as its reply).
    public func markSent(
        _ handoff: HandoffID, serverReply: String, linkURL: String? = nil, event: SentPayload, now: Date = Date()
    ) throws(HandoffError) {
        try write("record a sent handoff", Self.markingSent(handoff, serverReply: serverReply, linkURL: linkURL, event: event, now: now))
    }

    public func markSent(
        _ handoff: HandoffID, serverReply: String, linkURL: String? = nil, event: SentPayload, now: Date = Date()
    ) async throws(HandoffError) {
        try await write("record a sent handoff", Self.markingSent(handoff, serverReply: serverReply, linkURL: linkURL, event: event, now: now))
    }

    static func markingSent(
        _ handoff: HandoffID, serverReply: String, linkURL: String?, event: SentPayload, now: Date
    ) -> @Sendable (Database) throws -> Void {
        var event = event
        event.reply = serverReply
        return updating(handoff, event: event, now: now) { row in
            row.status = .sent
            row.serverReply = serverReply
            row.linkUrl = linkURL ?? row.linkUrl
            row.sentAt = now
            row.lastError = nil
            row.updatedAt = now
        }
    }

    /// Records a link publication (the link message is sent afterwards, like any other).
    public func recordPublished(_ handoff: HandoffID, url: String, expires: Date, now: Date = Date()) throws(HandoffError) {
        try write("record a published link", Self.recordingPublished(handoff, url: url, expires: expires, now: now))
    }

    public func recordPublished(_ handoff: HandoffID, url: String, expires: Date, now: Date = Date()) async throws(HandoffError) {
        try await write("record a published link", Self.recordingPublished(handoff, url: url, expires: expires, now: now))
    }

    static func recordingPublished(_ handoff: HandoffID, url: String, expires: Date, now: Date) -> @Sendable (Database) throws -> Void {
        let expiry = ISO8601DateFormatter().string(from: expires)
        return updating(handoff, event: PublishedPayload(expires: expiry), now: now) { row in
            row.linkUrl = url
            row.updatedAt = now
        }
    }

    /// The transaction that changes one handoff row (and optionally appends an event).
    static func updating(
        _ handoff: HandoffID, event: (any LedgerPayload)? = nil, now: Date = Date(),
        _ change: @escaping @Sendable (inout HandoffRecord) -> Void
    ) -> @Sendable (Database) throws -> Void {
        { db in
            guard var row = try HandoffRecord.find(db, id: handoff.rawValue) else {
                throw HandoffError.internal("Handoff \(handoff) is not in the store.")
            }
            change(&row)
            try row.update(db)
            if var locking = event as? any LocksBilledEntries {
                // Reaching the client locks the billed entries (see `lockingHandoff`): record what they said.
                locking.entriesSHA256 = try Self.entrySnapshots(db, handoff: row.id)
                try Self.appendEvent(db, project: row.projectId, handoff: row.id, payload: locking, at: now)
            } else if let event {
                try Self.appendEvent(db, project: row.projectId, handoff: row.id, payload: event, at: now)
            }
        }
    }
}

extension HandoffStore {
    /// A client request (the inbox fills these in; deliveries reply in their thread).
    public struct RequestRow: Sendable, Equatable {
        public var id: String
        /// Empty for an unmatched request: it equals no project, so a delivery that names
        /// it is refused (intake refuses it earlier, with the way to assign it).
        public var projectId: String
        public var messageId: String?
        public var subject: String?
    }

    public func request(_ id: String) throws(HandoffError) -> RequestRow? {
        try read("read a request", Self.findingRequest(id))
    }

    public func request(_ id: String) async throws(HandoffError) -> RequestRow? {
        try await read("read a request", Self.findingRequest(id))
    }

    static func findingRequest(_ id: String) -> @Sendable (Database) throws -> RequestRow? {
        { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, projectId, messageId, subject FROM request WHERE id = ?", arguments: [Self.storedRequestID(id)])
            else {
                return nil
            }
            return RequestRow(
                id: try row.decode(forColumn: "id"), projectId: try row.decode(String?.self, forColumn: "projectId") ?? "",
                messageId: try row.decode(forColumn: "messageId"), subject: try row.decode(forColumn: "subject"))
        }
    }

    /// The async form of `checkRequest(_:project:)`, for the outbox watcher.
    public func checkRequest(_ request: String, project: ProjectID) async throws(HandoffError) {
        let stored = Self.storedRequestID(request)
        try await read("check a request") { db in try Self.checkRequest(db, stored, project: project) }
    }
}

extension HandoffStore {
    /// Records that a send started but the transport cannot say whether it finished: the
    /// handoff is not sent again on its own; a person checks with the client.
    public func markPossiblySent(
        _ handoff: HandoffID, messageID: String,
        why: String = "the process stopped during the send and the server cannot be asked", now: Date = Date()
    ) throws(HandoffError) {
        try write("record a possibly sent handoff", Self.markingPossiblySent(handoff, messageID: messageID, why: why, now: now))
    }

    public func markPossiblySent(
        _ handoff: HandoffID, messageID: String,
        why: String = "the process stopped during the send and the server cannot be asked", now: Date = Date()
    ) async throws(HandoffError) {
        try await write("record a possibly sent handoff", Self.markingPossiblySent(handoff, messageID: messageID, why: why, now: now))
    }

    static func markingPossiblySent(_ handoff: HandoffID, messageID: String, why: String, now: Date) -> @Sendable (Database) throws -> Void {
        updating(handoff, event: PossiblySentPayload(messageID: messageID, why: why), now: now) { row in
            row.status = .possiblySent
            row.lastError = why
            row.updatedAt = now
        }
    }
}
