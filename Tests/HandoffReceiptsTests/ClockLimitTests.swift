import Foundation
import GRDB
import HandoffCore
import HandoffGateway
import HandoffStore
import Testing

@Suite("clock in/out --at obey the limits of a typed entry")
struct ClockLimitTests {
    @Test("a punch out of range or in the future is refused", arguments: [
        (0, "1970-01-01 01:00 is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year."),
        (1_893_488_400, "Cannot clock in at 2030-01-01 10:00: that is in the future (it is 2026-11-30 12:00)."),
    ])
    func refusedStart(_ seconds: TimeInterval, _ message: String) throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let now = try at("2026-11-30 12:00")
        let start = Date(timeIntervalSince1970: seconds)
        let error = #expect(throws: HandoffError.self) {
            try gateway.clockIn(project: "acme", request: nil, memo: nil, at: start, now: now, clock: berlin)
        }
        #expect(error?.message == message)
        #expect(try gateway.store.runningEntry() == nil)
    }

    @Test("a clock left running for more than a week is not stopped into a huge entry")
    func longerThanAWeek() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        _ = try gateway.clockIn(project: "acme", request: nil, memo: nil, now: try at("2026-11-01 09:00"), clock: berlin)
        let now = try at("2026-11-30 12:00")
        let out = #expect(throws: HandoffError.self) { try gateway.clockOut(memo: nil, at: nil, now: now, clock: berlin) }
        #expect(out?.message == """
            Cannot clock out at 2026-11-30 12:00: entry 1 on 'acme' has been running since 2026-11-01 09:00. \
            An entry from 2026-11-01 09:00 to 2026-11-30 12:00 is longer than a week; split it into the days it covers. \
            Stop it when you did with `handoff clock out --at TIME`, or correct its start with `handoff time edit 1 --start TIME`.
            """)
        let switched = #expect(throws: HandoffError.self) {
            try gateway.clockIn(project: "beta", request: nil, memo: nil, now: now, clock: berlin)
        }
        #expect(switched?.message.hasPrefix("Cannot clock in at 2026-11-30 12:00: entry 1 on 'acme' has been running since") == true)
        let entry = try gateway.clockOut(memo: nil, at: try at("2026-11-01 17:00"), now: now, clock: berlin)
        #expect(entry.seconds(asOf: now) == 8 * 3600)
    }

    @Test("a clock that started in the future is stopped with no time, and the clock works again")
    func startedInFuture() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let database = try DatabaseQueue(path: workspace.databasePath)
        try database.write { db in
            try db.execute(sql: "INSERT INTO timeEntry (projectId, startedAt, manual, createdAt) VALUES ('acme', '2030-01-01 09:00:00.000', 0, '2030-01-01 09:00:00.000')")
        }
        let now = try at("2026-11-30 12:00")
        let stopped = try gateway.clockOut(memo: nil, at: nil, now: now, clock: berlin)
        #expect(stopped.endedAt == stopped.startedAt)
        #expect(stopped.seconds(asOf: now) == 0)

        try database.write { db in
            try db.execute(sql: "INSERT INTO timeEntry (projectId, startedAt, manual, createdAt) VALUES ('acme', '2031-01-01 09:00:00.000', 0, '2031-01-01 09:00:00.000')")
        }
        let report = try gateway.clockIn(project: "beta", request: nil, memo: nil, now: now, clock: berlin)
        #expect(report.closed?.seconds(asOf: now) == 0)
        #expect(try gateway.store.runningEntry()?.project.rawValue == "beta")
    }
}
