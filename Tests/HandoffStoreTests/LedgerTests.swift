import Foundation
import GRDB
import HandoffCore
import Testing
@testable import HandoffStore

@Suite("Ledger hash chain")
struct LedgerTests {
    /// A store with three handoffs' worth of events.
    func populated() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        for index in 0..<3 {
            let queued = try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)))
            try temp.store.appendLedger(project: temp.project.id, handoff: queued.record.handoffID, payload: SentPayload(reply: "250 ok"))
        }
        return temp
    }

    @Test("an untouched chain verifies, and its head is the last event's hash")
    func verifies() throws {
        let temp = try populated()
        let result = try #require(try temp.store.verifyLedger().first)
        #expect(result.problem == nil)
        #expect(result.events == 6)
        let last = try temp.store.pool.read { db in try String.fetchOne(db, sql: "SELECT hash FROM ledgerEvent ORDER BY seq DESC LIMIT 1") }
        #expect(result.head == last)
    }

    @Test("an edited event is named")
    func edited() throws {
        let temp = try populated()
        try temp.store.pool.write { db in try db.execute(sql: "UPDATE ledgerEvent SET detail = '{\"reply\":\"550 no\"}' WHERE seq = 4") }
        let problem = try #require(try temp.store.verifyLedger().first?.problem)
        #expect(problem.contains("seq 4"))
        #expect(problem.contains("changed"))
    }

    @Test("a deleted event is named")
    func deleted() throws {
        let temp = try populated()
        try temp.store.pool.write { db in try db.execute(sql: "DELETE FROM ledgerEvent WHERE seq = 3") }
        let problem = try #require(try temp.store.verifyLedger().first?.problem)
        #expect(problem.contains("seq 3"))
    }

    @Test("swapped events are named")
    func reordered() throws {
        let temp = try populated()
        try temp.store.pool.write { db in
            try db.execute(sql: "UPDATE ledgerEvent SET seq = -1 WHERE seq = 2")
            try db.execute(sql: "UPDATE ledgerEvent SET seq = 2 WHERE seq = 5")
            try db.execute(sql: "UPDATE ledgerEvent SET seq = 5 WHERE seq = -1")
        }
        let problem = try #require(try temp.store.verifyLedger().first?.problem)
        #expect(problem.contains("seq 2"))
    }

    @Test("a changed time is caught even though the text looks alike")
    func editedTime() throws {
        let temp = try populated()
        try temp.store.pool.write { db in
            try db.execute(sql: "UPDATE ledgerEvent SET at = '2027-01-01 00:00:00.000' WHERE seq = 1")
        }
        let problem = try #require(try temp.store.verifyLedger().first?.problem)
        #expect(problem.contains("seq 1"))
    }
}
