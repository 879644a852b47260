import Foundation
import GRDB
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

/// The store says what happened; the gateway adds the command that gets the VA out of it.
@Suite("The gateway words the store's time refusals with the commands that help")
struct TimeErrorWordingTests {
    @Test("an entry the store cannot read names `time edit` with its id")
    func unreadableEntry() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        try DatabaseQueue(path: workspace.databasePath).write { db in
            try db.execute(sql: "INSERT INTO timeEntry (projectId, startedAt, endedAt, manual, createdAt) VALUES ('acme', 'not a date', '2026-11-30 10:00:00.000', 1, '2026-11-30 09:00:00.000')")
        }
        let error = #expect(throws: HandoffError.self) { try gateway.store.timeEntries(project: try ProjectID("acme")) }
        #expect(error?.kind == .badInput)
        #expect(error?.message.hasPrefix("Time entry 1 cannot be read: its startedAt is not a value Handoff can use") == true)
        #expect(error?.message.hasSuffix(" Set its times again with `handoff time edit 1 --start TIME --end TIME`.") == true)
    }

    @Test("clocking out with no clock running says how to start one")
    func clockNotRunning() throws {
        let gateway = try TimeWorkspace().gateway()
        let error = #expect(throws: HandoffError.self) { try gateway.clockOut(memo: nil, at: nil, now: Date(timeIntervalSince1970: 1_796_040_000), clock: berlin) }
        #expect(error?.kind == .usage)
        #expect(error?.message == "The clock is not running, so there is nothing to clock out. Start it with `handoff clock in PROJECT`, or add past work with `handoff time add`.")
    }
}
