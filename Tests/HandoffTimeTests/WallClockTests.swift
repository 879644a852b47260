import Foundation
import HandoffCore
import Testing

@Suite("Wall-clock times, time zones and daylight saving")
struct WallClockTests {
    let berlin = WallClock(zone: TimeZone(identifier: "Europe/Berlin")!)
    let newYork = WallClock(zone: TimeZone(identifier: "America/New_York")!)

    /// 2026-11-30 12:00 UTC.
    let now = Date(timeIntervalSince1970: 1_796_040_000)

    @Test("a bare time is today, or yesterday when today's is still ahead")
    func bareTime() throws {
        let earlier = try UserTime.parse("09:15", clock: berlin, now: now)
        #expect(berlin.minute(earlier) == "2026-11-30 09:15")
        let later = try UserTime.parse("17:30", clock: berlin, now: now)
        #expect(berlin.minute(later) == "2026-11-29 17:30")
        let today = try UserTime.parse("17:30", clock: berlin, now: now, bareTime: .today)
        #expect(berlin.minute(today) == "2026-11-30 17:30")
    }

    @Test("the formats a VA types", arguments: [
        ("2026-11-30 17:30", "2026-11-30T17:30:00+01:00"),
        ("2026-11-30T17:30", "2026-11-30T17:30:00+01:00"),
        ("2026-11-30T16:30:00Z", "2026-11-30T17:30:00+01:00"),
        ("2026-11-30T11:30:00-05:00", "2026-11-30T17:30:00+01:00"),
        ("2026-11-30", "2026-11-30T00:00:00+01:00"),
        ("2026-07-01 08:00", "2026-07-01T08:00:00+02:00"),
    ])
    func formats(_ typed: String, _ expected: String) throws {
        #expect(berlin.iso(try UserTime.parse(typed, clock: berlin, now: now)) == expected)
    }

    @Test("nonsense is refused with the accepted formats", arguments: ["17h30", "2026-13-01", "2026-02-30 10:00", "25:00", "yesterdayish"])
    func refused(_ typed: String) {
        let error = #expect(throws: HandoffError.self) { try UserTime.parse(typed, clock: berlin, now: now) }
        #expect(error?.kind == .badInput)
        #expect(error?.message.contains(typed) == true || error?.message.contains("exists") == true)
    }

    @Test("a time skipped by the spring change does not exist")
    func springGap() {
        let error = #expect(throws: HandoffError.self) { try UserTime.parse("2026-03-29 02:30", clock: berlin, now: now) }
        #expect(error?.message.contains("daylight saving") == true)
    }

    @Test("across the autumn change an evening-to-morning span has the extra hour")
    func autumnLength() throws {
        let start = try UserTime.parse("2026-10-24 22:00", clock: berlin, now: now)
        let end = try UserTime.parse("2026-10-25 06:00", clock: berlin, now: now)
        #expect(end.timeIntervalSince(start) == 9 * 3600)
        #expect(berlin.iso(end) == "2026-10-25T06:00:00+01:00")
        #expect(berlin.iso(start) == "2026-10-24T22:00:00+02:00")
    }

    @Test("days and months start at local midnight, also on a DST day")
    func boundaries() throws {
        let dstDay = try UserTime.parse("2026-03-08 12:00", clock: newYork, now: now)
        let midnight = try newYork.startOfDay(dstDay)
        let next = try newYork.startOfDay(dstDay, adding: 1)
        #expect(next.timeIntervalSince(midnight) == 23 * 3600)
        #expect(newYork.month(try newYork.startOfMonth(dstDay, adding: 1)) == "2026-04")
        let period = try UserTime.period(from: "2026-11-01", to: "2026-11-30", clock: berlin, now: now)
        #expect(berlin.iso(try #require(period.from)) == "2026-11-01T00:00:00+01:00")
        #expect(berlin.iso(try #require(period.to)) == "2026-12-01T00:00:00+01:00")
    }

    @Test("TZ picks the zone, with or without a leading colon")
    func environment() {
        #expect(WallClock.local(environment: ["TZ": "Asia/Tokyo"]).zone.identifier == "Asia/Tokyo")
        #expect(WallClock.local(environment: ["TZ": ":Europe/Berlin"]).zone.identifier == "Europe/Berlin")
    }
}
