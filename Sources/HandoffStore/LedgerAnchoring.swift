import Foundation
import GRDB
import HandoffCore
import Synchronization

/// Keeps the ledger head anchor (`LedgerAnchor`) up to date: after every commit that
/// appended ledger events, the projects they belong to move their anchored head forward.
extension HandoffStore {
    /// Makes the first anchor of a store: when the file is missing and the store has never
    /// had one (a new store, or one from a version before anchors), it is written from the
    /// chains as they are now. Once a store has had an anchor, a missing file is reported by
    /// `verifyLedger`, never silently replaced.
    func establish(_ anchor: LedgerAnchor) throws(HandoffError) {
        guard anchor.read() == .missing else { return }
        let established = try lookup("read the ledger anchor state") { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM ledgerAnchorState") ?? false
        }
        guard !established else { return }
        try anchor.locked { () throws(HandoffError) in
            guard anchor.read() == .missing else { return }
            let heads = try read("read the ledger heads") { db in
                // SQLite returns the hash of the row that holds the MAX.
                try Self.heads(db, sql: "SELECT projectId, MAX(seq), hash FROM ledgerEvent GROUP BY projectId")
            }
            // The file first: a crash before the flag leaves an anchor and no flag, which
            // the next start simply keeps.
            try anchor.write(heads)
        }
        try write("record the ledger anchor") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO ledgerAnchorState (id, establishedAt) VALUES (1, ?)", arguments: [Date()])
        }
    }

    static func heads(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [String: LedgerAnchor.Head] {
        var heads: [String: LedgerAnchor.Head] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let project: String = row[0]
            let head = LedgerAnchor.Head(seq: row[1], hash: row[2])
            if head.seq > heads[project]?.seq ?? 0 { heads[project] = head }
        }
        return heads
    }

    /// The anchor as this process last read or wrote it, so that the next commit need not
    /// parse and check the signature again: reading and verifying cost more than the
    /// commit itself. Any other writer renames a new file into place, which changes its
    /// identity and sends the next commit back to the file.
    struct AnchorCache {
        var identity: LedgerAnchor.FileIdentity
        var heads: [String: LedgerAnchor.Head]
    }

    /// Moves the anchor to the heads of the events just committed (`rowIDs`). A head moves
    /// only forward, and only when the event the anchor names is still in place with its
    /// hash: a chain that was cut and grew again does not carry the anchor along, so the
    /// cut stays visible.
    static func advance(_ anchor: LedgerAnchor, _ db: Database, rowIDs: [Int64], cache: inout AnchorCache?) throws(HandoffError) {
        try anchor.locked { () throws(HandoffError) in
            guard let identity = anchor.identity() else { return }
            var heads: [String: LedgerAnchor.Head]
            if let cache, cache.identity == identity {
                heads = cache.heads
            } else {
                // A missing or damaged anchor is left for `ledger verify` to report.
                guard case .heads(let read) = anchor.read() else { return }
                heads = read
            }
            var moved = false
            do {
                let placeholders = Array(repeating: "?", count: rowIDs.count).joined(separator: ",")
                let latest = try Self.heads(db, sql: "SELECT projectId, seq, hash FROM ledgerEvent WHERE id IN (\(placeholders))", arguments: StatementArguments(rowIDs))
                for (project, head) in latest {
                    if let old = heads[project] {
                        guard head.seq > old.seq else { continue }
                        let still = try String.fetchOne(db, sql: "SELECT hash FROM ledgerEvent WHERE projectId = ? AND seq = ?", arguments: [project, old.seq])
                        guard still == old.hash else { continue }
                    }
                    heads[project] = head
                    moved = true
                }
            } catch {
                throw HandoffError.internal("Cannot read the new ledger heads: \(error)")
            }
            if moved { try anchor.write(heads) }
            cache = anchor.identity().map { AnchorCache(identity: $0, heads: heads) }
        }
    }
}

/// Watches commits for new ledger rows and hands them to `HandoffStore.advance`. GRDB
/// calls it on the writer's queue, one transaction at a time.
final class LedgerHeadObserver: TransactionObserver, Sendable {
    let anchor: LedgerAnchor
    private let inserted = Mutex<[Int64]>([])
    private let cache = Mutex<HandoffStore.AnchorCache?>(nil)

    init(anchor: LedgerAnchor) {
        self.anchor = anchor
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if case .insert(let table) = eventKind { return table == LedgerEventRecord.databaseTableName }
        return false
    }

    func databaseDidChange(with event: DatabaseEvent) {
        inserted.withLock { $0.append(event.rowID) }
    }

    func databaseDidCommit(_ db: Database) {
        let rows = inserted.withLock { rows in
            defer { rows.removeAll() }
            return rows
        }
        guard !rows.isEmpty else { return }
        // The events are committed either way; an anchor that could not move stays behind
        // the chain, which verification accepts (it only refuses a chain shorter than it).
        cache.withLock { cache in
            do throws(HandoffError) {
                try HandoffStore.advance(anchor, db, rowIDs: rows, cache: &cache)
            } catch {
                cache = nil
            }
        }
    }

    func databaseDidRollback(_ db: Database) {
        inserted.withLock { $0.removeAll() }
    }
}
