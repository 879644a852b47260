import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTime
import Testing

@Suite("Handoffs bill time entries; billed entries are locked")
struct BillingTests {
    @Test("by default a handoff bills the entries since the previous one, the running one included")
    func defaultSelection() async throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let folder = try workspace.deliverable()
        let now = try at("2026-11-30 18:00")
        let a = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-30 08:00"), end: try at("2026-11-30 09:00"), memo: "a", now: now, clock: berlin)
        _ = try gateway.addTimeEntry(project: "beta", request: nil, start: try at("2026-11-30 09:00"), end: try at("2026-11-30 09:30"), memo: "other client", now: now, clock: berlin)
        let running = try gateway.clockIn(project: "acme", request: nil, memo: "b", now: try at("2026-11-30 10:00"), clock: berlin).started
        let first = try gateway.deliver(path: folder, project: "acme", now: try at("2026-11-30 11:00")).record.handoffID
        #expect(try gateway.store.billedEntries(handoff: first).map(\.id) == [a.id, running.id])

        _ = try gateway.clockOut(memo: nil, at: try at("2026-11-30 12:00"), now: now, clock: berlin)
        let c = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-30 13:00"), end: try at("2026-11-30 14:00"), memo: "c", now: now, clock: berlin)
        let second = try gateway.deliver(path: folder, project: "acme", now: try at("2026-11-30 15:00")).record.handoffID
        // The entry that ran on after the first handoff is billed again; `a` is not.
        #expect(try gateway.store.billedEntries(handoff: second).map(\.id) == [running.id, c.id])

        let events = try await gateway.store.ledgerEvents(handoff: second).map(\.kind)
        #expect(events == ["queued", "billed"])
    }

    @Test("--entries overrides the default; another project's entry is refused by id")
    func explicitEntries() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let folder = try workspace.deliverable()
        let now = try at("2026-11-30 18:00")
        let a = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-30 08:00"), end: try at("2026-11-30 09:00"), memo: nil, now: now, clock: berlin)
        let b = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-30 09:00"), end: try at("2026-11-30 10:00"), memo: nil, now: now, clock: berlin)
        let other = try gateway.addTimeEntry(project: "beta", request: nil, start: try at("2026-11-30 10:00"), end: try at("2026-11-30 11:00"), memo: nil, now: now, clock: berlin)
        let handoff = try gateway.deliver(path: folder, project: "acme", entries: [b.id]).record.handoffID
        #expect(try gateway.store.billedEntries(handoff: handoff).map(\.id) == [b.id])
        let error = #expect(throws: HandoffError.self) { try gateway.deliver(path: folder, project: "acme", entries: [a.id, other.id]) }
        #expect(error?.message == "Time entry \(other.id) belongs to project 'beta', not 'acme'; a handoff bills only its own project's time.")
        #expect(try gateway.store.handoffs(project: try ProjectID("acme")).count == 1, "nothing was queued")
    }

    @Test("an entry billed by a sent handoff changes only as a ledgered amendment with a reason")
    func amendment() async throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let now = try at("2026-11-30 18:00")
        let entry = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-30 08:00"), end: try at("2026-11-30 09:00"), memo: "listings", now: now, clock: berlin)
        let handoff = try gateway.deliver(path: try workspace.deliverable(), project: "acme").record.handoffID
        // Before the handoff is sent the entry is still open to plain edits.
        _ = try gateway.editTimeEntry(entry.id, change: .init(memo: "listings research"), reason: nil, now: now, clock: berlin)
        _ = try await gateway.drain()
        #expect(try await gateway.store.handoff(handoff)?.status == .sent)

        let refused = #expect(throws: HandoffError.self) {
            try gateway.editTimeEntry(entry.id, change: .init(end: try at("2026-11-30 09:30")), reason: nil, now: now, clock: berlin)
        }
        #expect(refused?.message.contains("billed by handoff \(handoff), which was sent") == true)
        #expect(try gateway.store.timeEntry(entry.id)?.endedAt == (try at("2026-11-30 09:00")), "no silent change")

        let outcome = try gateway.editTimeEntry(
            entry.id, change: .init(end: try at("2026-11-30 09:30")), reason: "forgot the follow-up call", now: now, clock: berlin)
        #expect(outcome.lockedBy == handoff)
        let amended = try #require(try await gateway.store.ledgerEvents(handoff: handoff).last)
        #expect(amended.kind == "amended")
        var detail = amended.decodedDetail()
        // The amendment also records a hash of the entry as it now reads (see the tamper tests).
        #expect(detail.removeValue(forKey: "entry_sha256")?.count == 64)
        #expect(detail == [
            "entry": String(entry.id), "field": "end", "old": "2026-11-30T09:00:00+01:00", "new": "2026-11-30T09:30:00+01:00",
            "reason": "forgot the follow-up call",
        ])
        #expect(try gateway.store.verifyLedger().allSatisfy { $0.problem == nil })
    }
}
