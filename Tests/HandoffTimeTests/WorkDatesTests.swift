import Foundation
import HandoffCore
import HandoffTime
import Testing

@Suite("Dates outside the years 2000 to 2100 are refused where they come in")
struct WorkDatesTests {
    let berlin = WallClock(zone: TimeZone(identifier: "Europe/Berlin")!)
    /// 2026-11-30 12:00 UTC.
    let now = Date(timeIntervalSince1970: 1_796_040_000)

    @Test("a typed date out of range says so, never a daylight-saving gap", arguments: [
        "9999-12-31 23:00", "0001-01-01 10:00", "1970-01-01 00:00", "2101-01-01", "1999-12-31T23:00:00Z",
    ])
    func typed(_ text: String) {
        let error = #expect(throws: HandoffError.self) { try UserTime.parse(text, clock: berlin, now: now) }
        #expect(error?.kind == .badInput)
        #expect(error?.message == "'\(text)' is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year.")
    }

    @Test("the edges of the range are accepted", arguments: ["2000-01-01 00:00", "2100-12-31 23:59"])
    func edges(_ text: String) throws {
        #expect(berlin.minute(try UserTime.parse(text, clock: berlin, now: now)) == text)
    }

    @Test("--from and --to take the same range")
    func period() {
        let error = #expect(throws: HandoffError.self) { try UserTime.period(from: "0001-01-01", to: nil, clock: berlin, now: now) }
        #expect(error?.message.hasPrefix("'0001-01-01' is out of range") == true)
    }

    @Test("an entry may not end past the range, however it was made")
    func spanPastRange() throws {
        let start = try UserTime.parse("2100-12-31 23:00", clock: berlin, now: now)
        let error = #expect(throws: HandoffError.self) {
            try WorkDates.checkSpan(start: start, end: start.addingTimeInterval(7200), clock: berlin)
        }
        #expect(error?.message == "2101-01-01 01:00 is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year.")
    }

    @Test("an imported row out of range, or longer than a week, names its line")
    func imported() {
        let header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount\n"
        let farAway = header + "Pat,pat@va.example,Acme,Listings,,Oops,Yes,9999-12-31,23:00:00,9999-12-31,23:30:00,00:30:00,,0\n"
        let tooLong = header + "Pat,pat@va.example,Acme,Listings,,Oops,Yes,2026-11-01,09:00:00,2026-11-20,09:00:00,456:00:00,,0\n"
        let range = #expect(throws: HandoffError.self) { try TimesheetImport.parse(farAway, format: .toggl, source: "t.csv", clock: berlin) }
        #expect(range?.message == "t.csv:2: '9999-12-31' is out of range: Handoff accepts dates in the years 2000 to 2100. Check the year.")
        let long = #expect(throws: HandoffError.self) { try TimesheetImport.parse(tooLong, format: .toggl, source: "t.csv", clock: berlin) }
        #expect(long?.message == "t.csv:2: An entry from 2026-11-01 09:00 to 2026-11-20 09:00 is longer than a week; split it into the days it covers.")
    }
}

@Suite("The zone named by TZ")
struct ZoneWarningTests {
    @Test("a TZ that names no zone is reported, naming the zone used instead")
    func unknown() throws {
        let warning = try #require(WallClock.unknownZoneWarning(environment: ["TZ": "Mars/Olympus"]))
        #expect(warning.hasPrefix("TZ='Mars/Olympus' is not a time zone Handoff knows, so times are read and shown in "))
    }

    @Test("a known zone, with or without the leading colon, or no TZ at all, is quiet", arguments: [["TZ": "Europe/Berlin"], ["TZ": ":UTC"], [:]])
    func known(_ environment: [String: String]) {
        #expect(WallClock.unknownZoneWarning(environment: environment) == nil)
    }
}
