import Foundation
import GRDB
import HandoffCore
import Testing
@testable import HandoffStore

@Suite("A time entry the store cannot read is named, and nothing else stops")
struct UnreadableEntryTests {
    let utc = WallClock(zone: TimeZone(identifier: "UTC")!)
    /// 2026-11-30 12:00 UTC.
    let now = Date(timeIntervalSince1970: 1_796_040_000)

    /// Writes a row as sqlite3 would: past every check Handoff makes.
    func insertRaw(_ temp: TemporaryStore, start: String, end: String) throws {
        try temp.store.pool.write { db in
            try db.execute(
                sql: "INSERT INTO timeEntry (projectId, startedAt, endedAt, manual, createdAt) VALUES ('acme', ?, ?, 1, '2026-11-30 09:00:00.000')",
                arguments: [start, end])
        }
    }

    @Test("listing names the entry; other reads keep working", arguments: [
        ("10000-01-01 00:00:00.000", "10000-01-01 01:00:00.000"),
        ("not a date", "2026-11-30 10:00:00.000"),
    ])
    func listing(_ start: String, _ end: String) throws {
        let temp = try TemporaryStore()
        let good = try temp.store.addTimeEntry(
            .init(project: temp.project.id, start: now.addingTimeInterval(-7200), end: now.addingTimeInterval(-3600)), now: now, clock: utc)
        try insertRaw(temp, start: start, end: end)
        let error = #expect(throws: HandoffError.self) { try temp.store.timeEntries(project: temp.project.id) }
        #expect(error?.kind == .badInput)
        #expect(error?.message.hasPrefix("Time entry 2 cannot be read: its startedAt is not a value Handoff can use") == true)
        // The store names no command: the gateway adds the way out (TimeErrorWordingTests).
        #expect(error?.message.hasSuffix("holds a date outside the years \(WorkDates.years.lowerBound) to \(WorkDates.years.upperBound)).") == true)
        #expect(try temp.store.timeEntry(good.id)?.id == good.id)
        #expect(try temp.store.runningEntry() == nil)
        #expect(try temp.store.jobCounts().isEmpty)
    }

    @Test("billing an unreadable entry is refused by id; nothing is queued")
    func billing() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, start: "10000-01-01 00:00:00.000", end: "10000-01-01 01:00:00.000")
        let error = #expect(throws: HandoffError.self) { try temp.store.queueDelivery(try temp.request(), maxAttempts: 3, now: now) }
        #expect(error?.message.hasPrefix("Time entry 1 cannot be read") == true)
        #expect(try temp.store.jobs().isEmpty)
    }

    @Test("time edit with both times repairs it; with one it still names the entry")
    func repair() throws {
        let temp = try TemporaryStore()
        try insertRaw(temp, start: "10000-01-01 00:00:00.000", end: "10000-01-01 01:00:00.000")
        let half = #expect(throws: HandoffError.self) {
            try temp.store.editTimeEntry(1, change: .init(memo: "x"), reason: nil, now: now, clock: utc)
        }
        #expect(half?.message.hasPrefix("Time entry 1 cannot be read") == true)
        let start = now.addingTimeInterval(-3600)
        let outcome = try temp.store.editTimeEntry(1, change: .init(start: start, end: now), reason: nil, now: now, clock: utc)
        #expect(outcome.entry.startedAt == start)
        #expect(try temp.store.timeEntries().map(\.id) == [1])
    }

    @Test("a date out of range never reaches the store, typed or imported")
    func refusedOnWrite() throws {
        let temp = try TemporaryStore()
        let far = try utc.instant(year: 2100, month: 12, day: 31, hour: 23)
        let typed = #expect(throws: HandoffError.self) {
            try temp.store.addTimeEntry(.init(project: temp.project.id, start: far, end: far.addingTimeInterval(7200)), now: now, clock: utc)
        }
        #expect(typed?.message == "2101-01-01 01:00 is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year.")
        let imported = #expect(throws: HandoffError.self) {
            try temp.store.importTimeEntries(
                [.init(project: temp.project.id, start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 3600))], now: now, clock: utc)
        }
        #expect(imported?.message == "1970-01-01 00:00 is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year.")
        #expect(try temp.store.timeEntries().isEmpty)
    }
}
