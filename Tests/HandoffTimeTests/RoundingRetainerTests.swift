import Foundation
import HandoffCore
import HandoffTime
import Testing

@Suite("Rounding, retainer thresholds and the time report")
struct RoundingRetainerTests {
    @Test("each entry rounds up to the next increment; zero stays zero", arguments: [
        (TimeRounding.none, Int64(61), Int64(61)), (.sixMinutes, 1, 360), (.sixMinutes, 360, 360), (.sixMinutes, 361, 720),
        (.fifteenMinutes, 0, 0), (.fifteenMinutes, 899, 900), (.fifteenMinutes, 901, 1800),
    ])
    func rounding(_ rounding: TimeRounding, _ seconds: Int64, _ billed: Int64) {
        #expect(rounding.billed(seconds) == billed)
    }

    @Test("retainer warnings at 80% and 100%", arguments: [
        (Int64(57_599), RetainerUse.Level.ok), (57_600, .nearing), (71_999, .nearing), (72_000, .reached), (90_000, .reached),
    ])
    func thresholds(_ used: Int64, _ level: RetainerUse.Level) {
        let use = RetainerUse(month: "2026-11", retainerHours: 20, usedSeconds: used)
        #expect(use.level == level)
    }

    @Test("the summary says what is left, or by how much it is over")
    func summaries() {
        #expect(RetainerUse(month: "2026-11", retainerHours: 20, usedSeconds: 59_400).summary
            == "Retainer 2026-11: 16.50 of 20.00 h used (82%), 3.50 h left — warning: 80% of the retainer is used")
        #expect(RetainerUse(month: "2026-11", retainerHours: 10, usedSeconds: 39_600).summary
            == "Retainer 2026-11: 11.00 of 10.00 h used (110%), over by 1.00 h — warning: the retainer is used up")
    }

    @Test("the report rounds per entry, keeps raw time, counts whole months and flags a forgotten clock")
    func report() throws {
        let clock = WallClock(zone: TimeZone(identifier: "Europe/Berlin")!)
        let project = Project(
            id: try ProjectID("acme"), name: "Acme", contacts: [], allow: [], retainerHours: 2, rounding: .fifteenMinutes,
            forgottenClockHours: 10)
        let now = try UserTime.parse("2026-11-20 12:00", clock: clock, now: Date(timeIntervalSince1970: 1_800_000_000))
        func entry(_ id: Int64, _ start: String, _ end: String?) throws -> TimeEntry {
            TimeEntry(
                id: id, project: project.id, startedAt: try UserTime.parse(start, clock: clock, now: now),
                endedAt: try end.map { try UserTime.parse($0, clock: clock, now: now) }, createdAt: now)
        }
        let entries = [
            try entry(1, "2026-11-02 09:00", "2026-11-02 09:20"),
            try entry(2, "2026-11-10 09:00", "2026-11-10 10:01"),
            try entry(3, "2026-11-19 20:00", nil),
        ]
        let from = try UserTime.day("2026-11-10", clock: clock, now: now)
        let report = TimeReport(entries: entries, projects: [project], from: from, to: nil, clock: clock, now: now)
        #expect(report.lines.map(\.id) == [2, 3])
        let total = try #require(report.projects.first)
        #expect(total.rawSeconds == 3660 + 16 * 3600)
        #expect(total.billedSeconds == 4500 + 16 * 3600)
        #expect(report.lines[1].forgotten)
        // Entry 1 is before --from but in the same month: it still counts against the retainer.
        let used = try #require(total.retainer.first).usedSeconds
        #expect(used == Int64(1800 + 4500 + 16 * 3600))
        #expect(report.warnings.contains { $0.contains("Entry 3 on 'acme' has been running 16:00 h") && $0.contains("clock out --at") })
        #expect(report.warnings.contains { $0.contains("retainer is used up") })
        #expect(report.entriesCSV().hasPrefix("id,project,request,start,end,raw_hours,billed_hours,manual,running,forgotten,memo\r\n2,acme,,2026-11-10T09:00:00+01:00,2026-11-10T10:01:00+01:00,1.02,1.25,no,no,no,\r\n"))
    }
}
