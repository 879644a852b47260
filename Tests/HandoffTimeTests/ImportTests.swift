import Foundation
import HandoffCore
import HandoffTime
import Testing

@Suite("Toggl and Clockify CSV imports")
struct ImportTests {
    let clock = WallClock(zone: TimeZone(identifier: "Europe/Berlin")!)

    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    @Test("a Toggl Track detailed export: times, an entry past midnight, quoted memos, tasks")
    func toggl() throws {
        let entries = try TimesheetImport.parse(try Self.fixture("toggl-detailed.csv"), format: .toggl, source: "toggl.csv", clock: clock)
        #expect(entries.count == 4)
        #expect(clock.iso(entries[0].start) == "2026-11-02T09:00:00+01:00")
        #expect(entries[0].end.timeIntervalSince(entries[0].start) == 75 * 60)
        #expect(entries[1].memo == "Research: Comparables for 12 Harbour View, 3 sources")
        #expect(entries[2].memo == "Brochure copy \"spring\" edit")
        #expect(clock.iso(entries[2].end) == "2026-11-04T00:20:00+01:00")
        #expect(entries.map(\.line) == [2, 3, 4, 5])
    }

    @Test("a Clockify detailed export: byte-order mark, quoted header, 12-hour times, month-first dates")
    func clockify() throws {
        let entries = try TimesheetImport.parse(try Self.fixture("clockify-detailed.csv"), format: .clockify, source: "clockify.csv", clock: clock)
        #expect(entries.count == 3)
        #expect(clock.iso(entries[1].start) == "2026-11-02T13:30:00+01:00")
        #expect(clock.iso(entries[1].end) == "2026-11-02T15:02:00+01:00")
        #expect(clock.iso(entries[2].start) == "2026-11-04T12:05:00+01:00")
        #expect(entries[1].memo == "Research: Comparables, Harbour View")
    }

    @Test("the wrong format is named, with the header the file should have")
    func wrongFormat() {
        let error = #expect(throws: HandoffError.self) {
            try TimesheetImport.parse("Date,Hours\n2026-11-02,1.5\n", format: .toggl, source: "x.csv", clock: clock)
        }
        #expect(error?.message.contains("x.csv:1: no 'start date' column") == true)
    }

    @Test("a bad row names its line and nothing is imported")
    func badRow() throws {
        var text = try Self.fixture("toggl-detailed.csv")
        text += "Pat Example,pat@va.example,Acme,Listings,,Oops,Yes,2026-11-05,25:00:00,2026-11-05,26:00:00,01:00:00,,0\n"
        let error = #expect(throws: HandoffError.self) { try TimesheetImport.parse(text, format: .toggl, source: "t.csv", clock: clock) }
        #expect(error?.message == "t.csv:6: '25:00:00' is not a time of day (expected 09:05, 09:05:00 or 9:05:00 AM).")
    }

    @Test("CSV export quotes what needs it and keeps spreadsheets from running formulas")
    func csvWriter() throws {
        #expect(CSV.row(["a", "b,c", "say \"hi\"", "=SUM(A1)", "-5", "line\nbreak"]) == "a,\"b,c\",\"say \"\"hi\"\"\",'=SUM(A1),-5,\"line\nbreak\"\r\n")
        let parsed = try CSV.parse(CSV.row(["x,y", "z"]), source: "t")
        #expect(parsed.first?.fields == ["x,y", "z"])
    }
}
