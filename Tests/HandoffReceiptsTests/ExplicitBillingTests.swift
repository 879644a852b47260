import Foundation
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

@Suite("deliver --entries never bills an entry twice")
struct ExplicitBillingTests {
    @Test("an entry billed by a handoff that still counts is refused, naming that handoff; a cancelled one gives it back")
    func alreadyBilled() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let folder = try workspace.deliverable()
        let now = try at("2026-11-30 18:00")
        let entry = try gateway.addTimeEntry(
            project: "acme", request: nil, start: try at("2026-11-30 08:00"), end: try at("2026-11-30 09:00"), memo: nil, now: now, clock: berlin)
        let first = try gateway.deliver(path: folder, project: "acme", entries: [entry.id], now: now).record.handoffID

        let error = #expect(throws: HandoffError.self) {
            try gateway.deliver(path: folder, project: "acme", entries: [entry.id], now: now.addingTimeInterval(60))
        }
        #expect(error?.kind == .badInput)
        #expect(error?.message == "Time entry \(entry.id) is already billed by handoff \(first) (queued); only a failed or cancelled handoff gives its entries back. Leave it out of --entries.")
        #expect(try gateway.store.handoffs(project: try ProjectID("acme")).count == 1, "nothing was queued")

        let job = try #require(try gateway.store.job(forHandoff: first))
        _ = try gateway.store.cancelJob(try #require(job.id), now: now.addingTimeInterval(120))
        let again = try gateway.deliver(path: folder, project: "acme", entries: [entry.id], now: now.addingTimeInterval(180)).record.handoffID
        #expect(try gateway.store.billedEntries(handoff: again).map(\.id) == [entry.id])
    }
}
