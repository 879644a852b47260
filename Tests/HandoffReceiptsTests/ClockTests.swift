import Foundation
import HandoffCore
import HandoffGateway
import HandoffReceipts
import HandoffStore
import HandoffTime
import Testing

@Suite("The punch clock")
struct ClockTests {
    @Test("clocking in twice on the same project is refused, naming the running entry")
    func doubleIn() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        _ = try gateway.clockIn(project: "acme", request: nil, memo: "inbox", now: try at("2026-11-30 09:00"), clock: berlin)
        let error = #expect(throws: HandoffError.self) {
            try gateway.clockIn(project: "acme", request: nil, memo: nil, now: try at("2026-11-30 09:30"), clock: berlin)
        }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains("already running on 'acme' since 2026-11-30 09:00 (entry 1)") == true)
    }

    @Test("clocking in elsewhere closes the running entry and says so")
    func switchProject() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        _ = try gateway.clockIn(project: "acme", request: nil, memo: nil, now: try at("2026-11-30 09:00"), clock: berlin)
        let report = try gateway.clockIn(project: "beta", request: nil, memo: nil, now: try at("2026-11-30 10:30"), clock: berlin)
        #expect(report.closed?.id == 1)
        #expect(report.closed?.endedAt == (try at("2026-11-30 10:30")))
        #expect(report.closedLooksForgotten == false)
        #expect(try gateway.store.runningEntry()?.project.rawValue == "beta")
    }

    @Test("clocking out without a running clock is refused with the way out")
    func outWithoutIn() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let error = #expect(throws: HandoffError.self) { try gateway.clockOut(memo: nil, at: nil, clock: berlin) }
        #expect(error?.message.hasPrefix("The clock is not running") == true)
        #expect(error?.exitCode == 64)
    }

    @Test("a forgotten clock is flagged in status and fixed with clock out --at")
    func forgotten() throws {
        let workspace = try TimeWorkspace(acme: "forgotten_clock_hours = 8")
        let gateway = try workspace.gateway()
        _ = try gateway.clockIn(project: "acme", request: nil, memo: nil, now: try at("2026-11-29 09:00"), clock: berlin)
        let now = try at("2026-11-30 08:00")
        let status = try gateway.clockStatus(now: now, clock: berlin)
        #expect(status.running?.forgotten == true)
        #expect(status.line.contains("a forgotten clock? Stop it when you did with `handoff clock out --at TIME`"))
        let report = try gateway.timeReport(project: "acme", from: nil, to: nil, now: now, clock: berlin)
        #expect(report.warnings.first?.contains("over the 8 h limit") == true)
        // "17:30" typed the next morning means yesterday evening.
        let end = try UserTime.parse("17:30", clock: berlin, now: now)
        let entry = try gateway.clockOut(memo: "stopped late", at: end, now: now, clock: berlin)
        #expect(berlin.minute(try #require(entry.endedAt)) == "2026-11-29 17:30")
        #expect(entry.seconds(asOf: now) == 8 * 3600 + 1800)
    }

    @Test("clock out before the entry started is refused naming both times")
    func outBeforeStart() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        _ = try gateway.clockIn(project: "acme", request: nil, memo: nil, now: try at("2026-11-30 09:00"), clock: berlin)
        let error = #expect(throws: HandoffError.self) {
            try gateway.clockOut(memo: nil, at: try at("2026-11-30 08:00"), now: try at("2026-11-30 10:00"), clock: berlin)
        }
        #expect(error?.message == "Cannot clock out at 2026-11-30 08:00: entry 1 on 'acme' started at 2026-11-30 09:00, after that.")
    }

    @Test("overlapping manual entries are refused, on any project")
    func overlap() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let now = try at("2026-11-30 20:00")
        _ = try gateway.addTimeEntry(project: "acme", request: nil, start: try at("2026-11-30 09:00"), end: try at("2026-11-30 10:00"), memo: "a", now: now, clock: berlin)
        let error = #expect(throws: HandoffError.self) {
            try gateway.addTimeEntry(project: "beta", request: nil, start: try at("2026-11-30 09:45"), end: try at("2026-11-30 11:00"), memo: nil, now: now, clock: berlin)
        }
        #expect(error?.message == "2026-11-30 09:45–2026-11-30 11:00 overlaps entry 1 on 'acme' (2026-11-30 09:00–2026-11-30 10:00). Change the times, or edit that entry first.")
        // Touching is not overlapping.
        let next = try gateway.addTimeEntry(project: "beta", request: nil, start: try at("2026-11-30 10:00"), end: try at("2026-11-30 11:00"), memo: nil, now: now, clock: berlin)
        #expect(next.manual)
    }

    @Test("an entry across the autumn DST change counts the repeated hour")
    func dstEntry() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        let entry = try gateway.addTimeEntry(
            project: "acme", request: nil, start: try at("2026-10-25 01:30"), end: try at("2026-10-25 03:30"), memo: "night shift",
            now: try at("2026-11-30 12:00"), clock: berlin)
        #expect(entry.seconds(asOf: Date()) == 3 * 3600)
        let report = try gateway.timeReport(project: "acme", from: nil, to: nil, now: try at("2026-11-30 12:00"), clock: berlin)
        #expect(report.lines.first?.start == "2026-10-25T01:30:00+02:00")
        #expect(report.lines.first?.end == "2026-10-25T03:30:00+01:00")
    }

    @Test("one running clock even when two processes race: the store refuses a second")
    func oneRunning() throws {
        let workspace = try TimeWorkspace()
        let gateway = try workspace.gateway()
        _ = try gateway.clockIn(project: "acme", request: nil, memo: nil, now: try at("2026-11-30 09:00"), clock: berlin)
        let result = try runProgram("sqlite3", [workspace.databasePath, "INSERT INTO timeEntry (projectId, startedAt, manual, createdAt) VALUES ('beta', '2026-11-30 09:00:00.000', 0, '2026-11-30 09:00:00.000')"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("UNIQUE"))
    }
}
