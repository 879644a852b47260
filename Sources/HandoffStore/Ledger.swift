import Crypto
import Foundation
import GRDB
import HandoffCore

/// The ledger: append-only, hash-chained per project. Each event's hash is
/// SHA-256(previous hash ‖ canonical bytes of the event), so changing, removing or
/// reordering any row breaks every hash after it, and `verifyLedger` names the first.
extension HandoffStore {
    /// The hash before a project's first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes an event's hash covers: a fixed-order JSON object, times in whole
    /// milliseconds (what the store keeps), so it can be recomputed from the row.
    static func canonicalBytes(
        projectId: String, seq: Int64, handoffId: String?, kind: String, at: Date, detail: String
    ) -> Data {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        let fields: [(String, String)] = [
            ("project", projectId), ("seq", String(seq)), ("handoff", handoffId ?? ""),
            ("kind", kind), ("at", String(millis)), ("detail", detail),
        ]
        var text = ""
        for (name, value) in fields {
            text += name + "=" + String(value.utf8.count) + ":" + value + "\n"
        }
        return Data(text.utf8)
    }

    static func chainHash(previous: String, canonical: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previous.utf8))
        hasher.update(data: canonical)
        return Hex.string(hasher.finalize())
    }

    /// The stored text of an event's fields: a flat JSON object, keys sorted, as every
    /// event has been written since the first, so old and new events hash alike.
    static func encodeDetail(_ detail: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(detail)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Appends one event inside the caller's transaction.
    @discardableResult
    static func appendEvent<Payload: LedgerPayload>(
        _ db: Database, project: String, handoff: String?, payload: Payload, at: Date
    ) throws -> LedgerEventRecord {
        try appendEvent(db, project: project, handoff: handoff, kind: Payload.kind.rawValue, fields: try LedgerFields.encode(payload), at: at)
    }

    /// Appends an event from its raw fields: what the payloads write, and how tests write
    /// events the way older versions did.
    @discardableResult
    static func appendEvent(
        _ db: Database, project: String, handoff: String?, kind: String, fields: [String: String], at: Date
    ) throws -> LedgerEventRecord {
        let last = try LedgerEventRecord.last(db, project: project)
        let seq = (last?.seq ?? 0) + 1
        let prev = last?.hash ?? genesisHash
        // Whole milliseconds: the precision the row keeps, so the hash recomputes.
        let at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        let detailText = encodeDetail(fields)
        let hash = chainHash(
            previous: prev,
            canonical: canonicalBytes(projectId: project, seq: seq, handoffId: handoff, kind: kind, at: at, detail: detailText))
        var record = LedgerEventRecord(
            id: nil, projectId: project, seq: seq, handoffId: handoff, kind: kind, at: at,
            detail: detailText, prevHash: prev, hash: hash)
        try record.insert(db)
        return record
    }

    /// Appends one event in its own transaction.
    @discardableResult
    public func appendLedger(
        project: ProjectID, handoff: HandoffID?, payload: some LedgerPayload, at: Date = Date()
    ) throws(HandoffError) -> LedgerEventRecord {
        try write("append to the ledger", Self.appending(project: project, handoff: handoff, payload: payload, at: at))
    }

    @discardableResult
    public func appendLedger(
        project: ProjectID, handoff: HandoffID?, payload: some LedgerPayload, at: Date = Date()
    ) async throws(HandoffError) -> LedgerEventRecord {
        try await write("append to the ledger", Self.appending(project: project, handoff: handoff, payload: payload, at: at))
    }

    static func appending(
        project: ProjectID, handoff: HandoffID?, payload: some LedgerPayload, at: Date
    ) -> @Sendable (Database) throws -> LedgerEventRecord {
        { db in try appendEvent(db, project: project.rawValue, handoff: handoff?.rawValue, payload: payload, at: at) }
    }

    /// A handoff's events, oldest first.
    public func ledgerEvents(handoff: HandoffID) throws(HandoffError) -> [LedgerEventRecord] {
        try read("read the ledger", Self.listingEvents(handoff: handoff))
    }

    public func ledgerEvents(handoff: HandoffID) async throws(HandoffError) -> [LedgerEventRecord] {
        try await read("read the ledger", Self.listingEvents(handoff: handoff))
    }

    static func listingEvents(handoff: HandoffID) -> @Sendable (Database) throws -> [LedgerEventRecord] {
        { db in try LedgerEventRecord.filter(Column("handoffId") == handoff.rawValue).order(Column("seq")).fetchAll(db) }
    }

    /// What `verifyLedger` found for one project.
    public struct LedgerVerification: Sendable, Equatable {
        public var project: String
        public var events: Int
        public var head: String
        /// The head the anchor outside the database vouches for, when there is one.
        public var anchored: LedgerAnchor.Head?
        /// The first broken event, described for a person; nil when the chain holds.
        public var problem: String?
    }

    /// Recomputes every project's chain (or one project's) and names the first event that
    /// was changed, removed or reordered; checks each chain against the head anchor (so a
    /// chain cut short is caught), that every handoff still has its events, and that every
    /// billed time entry still says what the ledger recorded.
    public func verifyLedger(project: ProjectID? = nil) throws(HandoffError) -> [LedgerVerification] {
        let anchorState = anchor.map { $0.read() }
        let anchorEstablished = try anchor == nil ? false : lookup("read the ledger anchor state") { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM ledgerAnchorState") ?? false
        }
        return try read("verify the ledger") { db in
            var projects = Set(try String.fetchAll(db, sql: "SELECT DISTINCT projectId FROM ledgerEvent"))
            if case .heads(let heads)? = anchorState { projects.formUnion(heads.keys) }
            projects.formUnion(try String.fetchAll(db, sql: "SELECT DISTINCT projectId FROM handoff"))
            if let project { projects = [project.rawValue] }
            return try projects.sorted().compactMap { project in
                var result = try Self.verifyChain(db, project: project)
                switch anchorState {
                case .heads(let heads)?:
                    result.anchored = heads[project]
                    if result.problem == nil, let anchored = heads[project] {
                        result.problem = try Self.anchorProblem(db, project: project, anchored: anchored, events: result.events, anchorPath: anchor?.path ?? "")
                    }
                case .invalid(let reason)?:
                    if result.problem == nil {
                        result.problem = "the ledger head anchor cannot be trusted: \(reason). Without it a chain cut short cannot be told from a complete one"
                    }
                case .missing?:
                    if result.problem == nil, anchorEstablished, result.events > 0 {
                        result.problem = "the ledger head anchor \(anchor?.path ?? "") is missing: it was removed, so events cut from the end of the chain cannot be ruled out. Restore it from a backup"
                    }
                case nil:
                    break
                }
                if result.problem == nil {
                    result.problem = try Self.handoffWithoutEvents(db, project: project)
                }
                // A project with no events, no anchor and no handoffs is nothing to report.
                if result.events == 0 && result.problem == nil && result.anchored == nil { return nil }
                return result
            }
        }
    }

    /// Walks one project's chain in order.
    static func verifyChain(_ db: Database, project: String) throws -> LedgerVerification {
        var previous = Self.genesisHash
        var expectedSeq: Int64 = 1
        var count = 0
        var problem: String?
        var snapshots = SnapshotCollector()
        let cursor = try LedgerEventRecord.filter(Column("projectId") == project).order(Column("seq"), Column("id")).fetchCursor(db)
        while let event = try cursor.next() {
            count += 1
            if event.seq != expectedSeq {
                problem = "event seq \(expectedSeq) of project '\(project)' is missing or out of order (found seq \(event.seq), row id \(event.id ?? 0))"
                break
            }
            if event.prevHash != previous {
                problem = "event seq \(event.seq) of project '\(project)' (row id \(event.id ?? 0)) does not follow the event before it: a row before it was changed, removed or reordered"
                break
            }
            let hash = Self.chainHash(
                previous: previous,
                canonical: Self.canonicalBytes(
                    projectId: event.projectId, seq: event.seq, handoffId: event.handoffId,
                    kind: event.kind, at: event.at, detail: event.detail))
            if hash != event.hash {
                problem = "event seq \(event.seq) of project '\(project)' (row id \(event.id ?? 0), \(event.kind)) was changed after it was written"
                break
            }
            snapshots.add(event)
            previous = event.hash
            expectedSeq += 1
        }
        if problem == nil {
            problem = try snapshots.firstMismatch(db, project: project)
        }
        return LedgerVerification(project: project, events: count, head: previous, problem: problem)
    }

    /// Whether the chain still reaches the head the anchor vouches for, along the same
    /// events. A chain longer than the anchor is fine: the anchor may lag a commit.
    static func anchorProblem(_ db: Database, project: String, anchored: LedgerAnchor.Head, events: Int, anchorPath: String) throws -> String? {
        if Int64(events) < anchored.seq {
            let what = events == 0 ? "has no events" : "ends at seq \(events)"
            return "the chain of project '\(project)' \(what), but the signed head anchor (\(anchorPath)) records seq \(anchored.seq): events were removed from the end of the ledger"
        }
        let hash = try String.fetchOne(db, sql: "SELECT hash FROM ledgerEvent WHERE projectId = ? AND seq = ?", arguments: [project, anchored.seq])
        if hash != anchored.hash {
            return "event seq \(anchored.seq) of project '\(project)' is not the one the signed head anchor (\(anchorPath)) records: the end of the chain was rewritten"
        }
        return nil
    }

    /// Every handoff writes its `queued` event in the transaction that stores it, so one
    /// without any event lost them afterwards.
    static func handoffWithoutEvents(_ db: Database, project: String) throws -> String? {
        let orphan = try String.fetchOne(
            db,
            sql: "SELECT h.id FROM handoff h WHERE h.projectId = ? AND NOT EXISTS (SELECT 1 FROM ledgerEvent e WHERE e.handoffId = h.id) ORDER BY h.createdAt LIMIT 1",
            arguments: [project])
        return orphan.map { "handoff \($0) of project '\(project)' has no events in the ledger: they were removed" }
    }
}

extension HandoffStore {
    /// Refuses, naming the problem, when a project's chain no longer reaches the head its
    /// signed anchor vouches for. One lookup, cheap enough to run before every receipt: a
    /// receipt must never vouch for a ledger that was cut short.
    public func checkAnchor(project: ProjectID) throws(HandoffError) {
        guard let anchor, case .heads(let heads) = anchor.read(), let anchored = heads[project.rawValue] else { return }
        let problem = try read("check the ledger against its anchor") { db in
            let events = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM ledgerEvent WHERE projectId = ?", arguments: [project.rawValue]) ?? 0
            return try Self.anchorProblem(db, project: project.rawValue, anchored: anchored, events: Int(events), anchorPath: anchor.path)
        }
        if let problem {
            throw wording(.ledgerCutShort(problem: problem))
        }
    }

    /// Whether the ledger still holds the event a receipt vouches for: event `seq` of the
    /// project with hash `head`. Nil when it does; otherwise what differs, for a person.
    public func receiptHeadProblem(project: ProjectID, seq: Int64, head: String) throws(HandoffError) -> String? {
        let stored = try read("read the ledger") { db in
            try String.fetchOne(db, sql: "SELECT hash FROM ledgerEvent WHERE projectId = ? AND seq = ?", arguments: [project.rawValue, seq])
        }
        guard let stored else {
            return "the ledger of project '\(project)' has no event seq \(seq), which the receipt's chain head vouches for: events were removed"
        }
        guard stored == head else {
            return "event seq \(seq) of project '\(project)' has hash \(stored), but the receipt vouches for \(head): the ledger was rewritten after the receipt was issued"
        }
        return nil
    }
}
