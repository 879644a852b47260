import Foundation
import HandoffConfig
import HandoffCore
import HandoffReceipts
import HandoffStore

/// Builds a project's receipt from the store. The facts about each handoff come from its
/// ledger events where they are there (recipients, file counts, link expiry, downloads),
/// because the ledger is what the receipt's chain head vouches for.
extension Gateway {
    public func receipt(
        project projectID: String, from: Date?, to: Date?, now: Date = Date(), clock: WallClock
    ) throws(HandoffError) -> Receipt {
        let project = try project(projectID)
        try store.checkAnchor(project: project.id)
        let rows = try store.receiptRows(project: project.id, from: from, to: to)
        return ReceiptBuilder(project: project, clock: clock, now: now).build(rows, from: from, to: to)
    }
}

/// The pure part of assembling a receipt: rows in, receipt out.
struct ReceiptBuilder {
    var project: Project
    var clock: WallClock
    var now: Date

    /// Detail keys the signed JSON leaves out: they describe the VA's machine rather than
    /// the delivery, or serve the ledger's own checks (the billed entries' content hashes:
    /// the entries are listed). The other renderings word each event from its payload.
    static let privateDetail: Set<String> = ["source", "location", "entries_sha256", "entry_sha256"]

    func build(_ rows: HandoffStore.ReceiptRows, from: Date?, to: Date?) -> Receipt {
        var deliveries: [Receipt.Delivery] = []
        deliveries.reserveCapacity(rows.handoffs.count)
        var months: [String: Receipt.MonthTotal] = [:]
        var countedEntries = Set<Int64>()
        var totals = Receipt.Totals(handoffs: 0, sent: 0, files: 0, bytes: 0, entries: 0, rawSeconds: 0, billedSeconds: 0)
        for handoff in rows.handoffs {
            let delivery = self.delivery(handoff, rows: rows)
            deliveries.append(delivery)
            let month = clock.month(handoff.createdAt)
            months[month, default: Self.emptyMonth(month)].handoffs += 1
            totals.handoffs += 1
            if handoff.status == .sent { totals.sent += 1 }
            totals.files += delivery.package?.files ?? 0
            totals.bytes += delivery.package?.bytes ?? 0
            for entry in delivery.entries where countedEntries.insert(entry.id).inserted {
                let entryMonth = String(entry.start.prefix(7))
                months[entryMonth, default: Self.emptyMonth(entryMonth)].entries += 1
                months[entryMonth, default: Self.emptyMonth(entryMonth)].rawSeconds += entry.rawSeconds
                months[entryMonth, default: Self.emptyMonth(entryMonth)].billedSeconds += entry.billedSeconds
                totals.entries += 1
                totals.rawSeconds += entry.rawSeconds
                totals.billedSeconds += entry.billedSeconds
            }
        }
        var retainer: [RetainerUse] = []
        if let hours = project.retainerHours {
            var used: [String: Int64] = [:]
            for entry in rows.periodEntries {
                used[clock.month(entry.startedAt), default: 0] += project.rounding.billed(entry.seconds(asOf: now))
            }
            let monthsCovered = Set(used.keys).union(months.keys)
            retainer = monthsCovered.sorted().map { RetainerUse(month: $0, retainerHours: hours, usedSeconds: used[$0] ?? 0) }
        }
        let lastDay = try? to.map { (date) throws(HandoffError) in clock.day(try clock.startOfDay(date, adding: -1)) }
        return Receipt(
            project: project.id.rawValue, projectName: project.name, from: from.map(clock.day), to: lastDay ?? nil,
            generatedAt: clock.iso(now), timeZone: clock.zone.identifier, rounding: project.rounding.description,
            deliveries: deliveries, months: months.values.sorted { $0.month < $1.month }, totals: totals, retainer: retainer,
            chainHead: rows.chainHead, chainLength: rows.chainLength)
    }

    static func emptyMonth(_ month: String) -> Receipt.MonthTotal {
        Receipt.MonthTotal(month: month, handoffs: 0, entries: 0, rawSeconds: 0, billedSeconds: 0)
    }

    func delivery(_ handoff: HandoffRecord, rows: HandoffStore.ReceiptRows) -> Receipt.Delivery {
        let events = rows.events[handoff.id] ?? []
        var queued: QueuedPayload?
        var packaged: PackagedPayload?
        var expires: String?
        var downloads = 0
        var timeline: [Receipt.Event] = []
        timeline.reserveCapacity(events.count)
        let blindCopies = self.blindCopies(handoff, events: events)
        for event in events {
            let fields = Self.detail(event.detail)
            let facts = LedgerEventPayload(kind: event.kind, fields: fields)
            switch facts {
            case .queued(let first) where queued == nil: queued = first
            case .packaged(let built): packaged = built
            case .published(let published): expires = published.expires.map(localTime)
            case .downloaded: downloads += 1
            default: break
            }
            var shown = fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            var payload = facts
            if let blindCopies {
                shown = blindCopies.scrub(shown)
                // Read again from what is left, so no renderer can reach a Bcc address.
                payload = LedgerEventPayload(kind: event.kind, fields: Dictionary(shown) { first, _ in first })
            }
            timeline.append(Receipt.Event(
                seq: event.seq, at: clock.iso(event.at), kind: event.kind,
                detail: shown.filter { !Self.privateDetail.contains($0.0) }, payload: inReceiptZone(payload)))
        }
        var package: Receipt.Package?
        if let record = rows.packages[handoff.id] {
            let files = packaged?.files ?? ((try? record.packageInfo())?.manifest.fileCount ?? 0)
            package = Receipt.Package(
                fileName: record.fileName, format: record.format, files: files, bytes: record.size, sha256: record.sha256,
                encrypted: record.passphrase != nil || packaged?.encrypted == true)
        }
        let to: [String]
        let cc: [String]
        let bccCount: Int
        if let queued, let listed = queued.to {
            to = Self.addresses(listed)
            cc = Self.addresses(queued.cc ?? "")
            bccCount = queued.bccCount ?? 0
        } else {
            let recipients = try? handoff.decodedRecipients()
            to = recipients?.to.map(\.address) ?? []
            cc = recipients?.cc.map(\.address) ?? []
            bccCount = recipients?.bcc.count ?? 0
        }
        var entries: [Receipt.Entry] = []
        var raw: Int64 = 0
        var billed: Int64 = 0
        for id in rows.billed[handoff.id] ?? [] {
            guard let entry = rows.entries[id] else { continue }
            let seconds = entry.seconds(asOf: now)
            let rounded = project.rounding.billed(seconds)
            raw += seconds
            billed += rounded
            entries.append(Receipt.Entry(
                id: entry.id, start: clock.iso(entry.startedAt), end: entry.endedAt.map(clock.iso), manual: entry.manual,
                memo: entry.memo, rawSeconds: seconds, billedSeconds: rounded,
                forgotten: entry.isForgotten(limitHours: project.forgottenClockHours, asOf: now)))
        }
        let route = handoff.decidedRoute?.rawValue
        return Receipt.Delivery(
            id: handoff.id, status: handoff.status.rawValue, queuedAt: clock.iso(handoff.createdAt), sentAt: handoff.sentAt.map(clock.iso),
            package: package, route: route, to: to, cc: cc, bccCount: bccCount, messageID: handoff.messageId,
            serverReply: handoff.serverReply, link: route == "link" || expires != nil ? Receipt.Link(expires: expires, downloads: downloads) : nil,
            timeline: timeline, entries: entries, rawSeconds: raw, billedSeconds: billed)
    }

    /// The filter that hides a handoff's Bcc addresses from the client, when it had any.
    /// Decoding the recipients costs time a receipt of 10,000 handoffs feels, so the
    /// queued event's count decides first.
    func blindCopies(_ handoff: HandoffRecord, events: [LedgerEventRecord]) -> BlindCopyFilter? {
        let queued = events.first { $0.kind == LedgerEventKind.queued.rawValue }
        if let queued, case .queued(let payload) = LedgerEventPayload(kind: queued.kind, fields: Self.detail(queued.detail)),
           payload.bccCount == 0 {
            return nil
        }
        let bcc = ((try? handoff.decodedRecipients())?.bcc ?? []).map(\.address)
        return bcc.isEmpty ? nil : BlindCopyFilter(bcc)
    }

    /// The payload with its stored UTC times in the receipt's zone, as the renderings show them.
    func inReceiptZone(_ payload: LedgerEventPayload) -> LedgerEventPayload {
        guard case .published(var published) = payload else { return payload }
        published.expires = published.expires.map(localTime)
        return .published(published)
    }

    /// A stored UTC time (`2026-12-04T13:00:00Z`) in the receipt's zone, like every other time.
    func localTime(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        return clock.iso(date)
    }

    /// An event's detail (a flat JSON object of strings), read without Foundation's
    /// JSONDecoder, which cost more than everything else in a receipt of 10,000 handoffs.
    static func detail(_ text: String) -> [String: String] {
        guard case .object(let members)? = try? JSONParser.parse(Array(text.utf8), source: "a ledger event", refuseDuplicates: false) else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in members {
            if case .string(let string) = value { result[key] = string }
        }
        return result
    }

    static func addresses(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
