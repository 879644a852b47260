import Foundation
import GRDB
import HandoffCore

/// Everything a project's receipt shows, read in one snapshot with a handful of set
/// queries (never one query per handoff), so a receipt over thousands of handoffs stays fast.
extension HandoffStore {
    public struct ReceiptRows: Sendable {
        /// Handoffs queued in the period, oldest first.
        public var handoffs: [HandoffRecord] = []
        public var packages: [String: PackageRecord] = [:]
        /// Ledger events per handoff id, in chain order.
        public var events: [String: [LedgerEventRecord]] = [:]
        /// Entry ids per handoff id, oldest first.
        public var billed: [String: [Int64]] = [:]
        public var entries: [Int64: TimeEntry] = [:]
        /// Every entry of the project that started in the period (for the retainer).
        public var periodEntries: [TimeEntry] = []
        /// The project's last ledger event: its hash is the chain head a receipt names.
        public var chainHead: String = HandoffStore.genesisHash
        public var chainLength: Int64 = 0
    }

    public func receiptRows(project: ProjectID, from: Date?, to: Date?) throws(HandoffError) -> ReceiptRows {
        try read("read a project's receipt") { db in
            var rows = ReceiptRows()
            var filter = "h.projectId = ?"
            var arguments: StatementArguments = [project.rawValue]
            if let from {
                filter += " AND h.createdAt >= ?"
                arguments += [from]
            }
            if let to {
                filter += " AND h.createdAt < ?"
                arguments += [to]
            }
            rows.handoffs = try HandoffRecord.fetchAll(db, sql: "SELECT h.* FROM handoff h WHERE \(filter) ORDER BY h.createdAt, h.id", arguments: arguments)
            for package in try PackageRecord.fetchAll(db, sql: "SELECT p.* FROM package p JOIN handoff h ON h.id = p.handoffId WHERE \(filter)", arguments: arguments) {
                rows.packages[package.handoffId] = package
            }
            // Read by column: the generic Codable decoder was a large share of a big receipt.
            let events = try Row.fetchCursor(
                db, sql: "SELECT * FROM ledgerEvent WHERE projectId = ? AND handoffId IN (SELECT h.id FROM handoff h WHERE \(filter)) ORDER BY seq",
                arguments: [project.rawValue] + arguments)
            while let row = try events.next() {
                let event = LedgerEventRecord(
                    id: try row.decode(forColumn: "id"), projectId: try row.decode(forColumn: "projectId"), seq: try row.decode(forColumn: "seq"),
                    handoffId: try row.decode(forColumn: "handoffId"), kind: try row.decode(forColumn: "kind"), at: try row.decode(forColumn: "at"),
                    detail: try row.decode(forColumn: "detail"), prevHash: try row.decode(forColumn: "prevHash"), hash: try row.decode(forColumn: "hash"))
                if let handoff = event.handoffId { rows.events[handoff, default: []].append(event) }
            }
            let links = try Row.fetchCursor(
                db, sql: "SELECT x.handoffId, x.timeEntryId FROM handoffTimeEntry x JOIN handoff h ON h.id = x.handoffId WHERE \(filter)",
                arguments: arguments)
            while let link = try links.next() {
                rows.billed[try link.decode(String.self, forColumn: "handoffId"), default: []].append(try link.decode(forColumn: "timeEntryId"))
            }
            // The period's entries are read once, for the retainer and as most of the billed
            // ones; only billed entries from before the period are read on top.
            rows.periodEntries = try Self.entriesRequest(project: project, from: nil, to: to)
                .filter(from == nil || Column("startedAt") >= (from ?? .distantPast))
                .fetchAll(db).map(\.entry)
            for entry in rows.periodEntries { rows.entries[entry.id] = entry }
            var missing: [Int64] = []
            for ids in rows.billed.values {
                for id in ids where rows.entries[id] == nil { missing.append(id) }
            }
            for start in stride(from: 0, to: missing.count, by: 500) {
                let chunk = Array(missing[start..<min(start + 500, missing.count)])
                for record in try TimeEntryRecord.filter(chunk.contains(Column("id"))).fetchAll(db) {
                    rows.entries[record.id ?? 0] = record.entry
                }
            }
            for (handoff, ids) in rows.billed {
                rows.billed[handoff] = ids.sorted { a, b in
                    let left = rows.entries[a]?.startedAt ?? .distantPast
                    let right = rows.entries[b]?.startedAt ?? .distantPast
                    return left == right ? a < b : left < right
                }
            }
            if let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM ledgerEvent WHERE projectId = ? ORDER BY seq DESC LIMIT 1", arguments: [project.rawValue]) {
                rows.chainHead = try head.decode(forColumn: "hash")
                rows.chainLength = try head.decode(forColumn: "seq")
            }
            return rows
        }
    }
}
