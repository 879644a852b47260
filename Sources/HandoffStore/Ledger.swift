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
        return HexDigest.string(hasher.finalize())
    }

    static func encodeDetail(_ detail: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(detail)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Appends one event inside the caller's transaction.
    @discardableResult
    static func appendEvent(
        _ db: Database, project: String, handoff: String?, kind: LedgerEventKind,
        detail: [String: String], at: Date
    ) throws -> LedgerEventRecord {
        let last = try LedgerEventRecord.last(db, project: project)
        let seq = (last?.seq ?? 0) + 1
        let prev = last?.hash ?? genesisHash
        // Whole milliseconds: the precision the row keeps, so the hash recomputes.
        let at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        let detailText = encodeDetail(detail)
        let hash = chainHash(
            previous: prev,
            canonical: canonicalBytes(projectId: project, seq: seq, handoffId: handoff, kind: kind.rawValue, at: at, detail: detailText))
        var record = LedgerEventRecord(
            id: nil, projectId: project, seq: seq, handoffId: handoff, kind: kind.rawValue, at: at,
            detail: detailText, prevHash: prev, hash: hash)
        try record.insert(db)
        return record
    }

    /// Appends one event in its own transaction.
    @discardableResult
    public func appendLedger(
        project: ProjectID, handoff: HandoffID?, kind: LedgerEventKind, detail: [String: String] = [:],
        at: Date = Date()
    ) throws(HandoffError) -> LedgerEventRecord {
        try write("append to the ledger") { db in
            try Self.appendEvent(db, project: project.rawValue, handoff: handoff?.rawValue, kind: kind, detail: detail, at: at)
        }
    }

    /// A handoff's events, oldest first.
    public func ledgerEvents(handoff: HandoffID) throws(HandoffError) -> [LedgerEventRecord] {
        try read("read the ledger") { db in
            try LedgerEventRecord.filter(Column("handoffId") == handoff.rawValue).order(Column("seq")).fetchAll(db)
        }
    }

    /// What `verifyLedger` found for one project.
    public struct LedgerVerification: Sendable, Equatable {
        public var project: String
        public var events: Int
        public var head: String
        /// The first broken event, described for a person; nil when the chain holds.
        public var problem: String?
    }

    /// Recomputes every project's chain (or one project's) and names the first event that
    /// was changed, removed or reordered.
    public func verifyLedger(project: ProjectID? = nil) throws(HandoffError) -> [LedgerVerification] {
        try read("verify the ledger") { db in
            let projects: [String]
            if let project {
                projects = [project.rawValue]
            } else {
                projects = try String.fetchAll(db, sql: "SELECT DISTINCT projectId FROM ledgerEvent ORDER BY projectId")
            }
            return try projects.map { project in
                var previous = Self.genesisHash
                var expectedSeq: Int64 = 1
                var count = 0
                var problem: String?
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
                    previous = event.hash
                    expectedSeq += 1
                }
                return LedgerVerification(project: project, events: count, head: previous, problem: problem)
            }
        }
    }
}
