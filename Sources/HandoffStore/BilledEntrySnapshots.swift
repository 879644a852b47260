import Crypto
import Foundation
import GRDB
import HandoffCore

/// What a billed time entry said when the client was told about it, as a hash in the
/// ledger, so an entry row changed behind the ledger's back (with sqlite3, say) is caught
/// by `ledger verify` instead of quietly changing the next receipt.
///
/// The hash is taken when a handoff's send is recorded (the moment its entries lock) and
/// again with every amendment. An entry still running then is hashed without its end and
/// memo, which the clock goes on to fill in: only its project and start are fixed.
extension HandoffStore {
    /// An entry's content hash; `r:` marks the running form.
    static func snapshot(_ record: TimeEntryRecord) -> String {
        let running = record.endedAt == nil
        var fields: [(String, String)] = [
            ("project", record.projectId),
            ("start", String(Self.milliseconds(record.startedAt))),
        ]
        if !running {
            fields.append(("end", String(Self.milliseconds(record.endedAt ?? record.startedAt))))
            fields.append(("memo", record.memo ?? ""))
        }
        var text = ""
        for (name, value) in fields {
            text += name + "=" + String(value.utf8.count) + ":" + value + "\n"
        }
        let hex = Hex.string(SHA256.hash(data: Data(text.utf8)))
        return running ? "r:" + hex : hex
    }

    /// The same entry hashed the way an earlier snapshot was: a running-form snapshot is
    /// compared with the running form of the entry as it is now.
    static func snapshot(_ record: TimeEntryRecord, like earlier: String) -> String {
        guard earlier.hasPrefix("r:") else { return snapshot(record) }
        var running = record
        running.endedAt = nil
        return snapshot(running)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The snapshots of every entry a handoff bills, for its send event; nil if none.
    static func entrySnapshots(_ db: Database, handoff: String) throws -> String? {
        let records = try TimeEntryRecord.fetchAll(
            db,
            sql: "SELECT e.* FROM timeEntry e JOIN handoffTimeEntry x ON x.timeEntryId = e.id WHERE x.handoffId = ? ORDER BY e.id",
            arguments: [handoff])
        guard !records.isEmpty else { return nil }
        return records.compactMap { record in record.id.map { "\($0)=\(snapshot(record))" } }.joined(separator: ",")
    }

    /// Reads `12=<hex>,13=r:<hex>` back.
    static func parseSnapshots(_ text: String) -> [Int64: String] {
        var result: [Int64: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let id = Int64(parts[0]) { result[id] = String(parts[1]) }
        }
        return result
    }

    /// The latest snapshot of each entry, gathered while the chain is walked in order.
    struct SnapshotCollector {
        var latest: [Int64: (snapshot: String, seq: Int64)] = [:]

        mutating func add(_ event: LedgerEventRecord) {
            // Most events carry none: skip the JSON unless the key is there.
            guard event.detail.contains("_sha256\"") else { return }
            switch event.payload {
            case .sent(let sent): add(sent.entriesSHA256, seq: event.seq)
            case .possiblySent(let possiblySent): add(possiblySent.entriesSHA256, seq: event.seq)
            case .amended(let amended):
                if let id = amended.entry, let snapshot = amended.entrySHA256 { latest[id] = (snapshot, event.seq) }
            default: break
            }
        }

        private mutating func add(_ list: String?, seq: Int64) {
            for (id, snapshot) in HandoffStore.parseSnapshots(list ?? "") { latest[id] = (snapshot, seq) }
        }

        /// The first entry whose row no longer matches its latest snapshot, described.
        func firstMismatch(_ db: Database, project: String) throws -> String? {
            for id in latest.keys.sorted() {
                guard let (snapshot, seq) = latest[id] else { continue }
                guard let record = try TimeEntryRecord.fetchOne(db, key: id) else {
                    return "time entry \(id) of project '\(project)', billed as recorded at event seq \(seq), is missing from the store"
                }
                if HandoffStore.snapshot(record, like: snapshot) != snapshot {
                    return "time entry \(id) of project '\(project)' was changed outside Handoff after it was billed (event seq \(seq) records other content): an edit that is not in the ledger as an amendment"
                }
            }
            return nil
        }
    }
}
