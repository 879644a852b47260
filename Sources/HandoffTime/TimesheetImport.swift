import Foundation
import HandoffCore

/// Reads the detailed-report CSV exports of Toggl Track and Clockify.
///
/// Both write one row per time entry with the start and end as separate date and time
/// columns, in the exporting user's time zone; the columns are found by header name, so
/// extra or reordered columns do not matter. Only what an entry needs is taken: start,
/// end and the description (with the task, when there is one) as the memo.
public enum TimesheetFormat: String, Sendable, CaseIterable {
    case toggl
    case clockify

    /// Header names (compared case-insensitively) of the columns read.
    var columns: (startDate: [String], startTime: [String], endDate: [String], endTime: [String], description: [String], task: [String]) {
        switch self {
        case .toggl:
            (["start date"], ["start time"], ["end date"], ["end time"], ["description"], ["task"])
        case .clockify:
            (["start date"], ["start time"], ["end date"], ["end time"], ["description"], ["task"])
        }
    }

    /// The header a file of this format starts with, for the error when it does not.
    var signature: String {
        switch self {
        case .toggl: "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,…"
        case .clockify: "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),…"
        }
    }
}

/// One entry read from an export, with the line it came from.
public struct ImportedEntry: Sendable, Equatable {
    public var line: Int
    public var start: Date
    public var end: Date
    public var memo: String?
}

public enum TimesheetImport {
    public static func parse(
        _ text: String, format: TimesheetFormat, source: String, clock: WallClock
    ) throws(HandoffError) -> [ImportedEntry] {
        let rows = try CSV.parse(text, source: source)
        guard let header = rows.first else {
            throw .badInput("\(source) is empty: export a detailed report as CSV from \(format.rawValue.capitalized).")
        }
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        func column(_ candidates: [String], required: Bool) throws(HandoffError) -> Int? {
            if let index = names.firstIndex(where: { candidates.contains($0) }) { return index }
            guard required else { return nil }
            throw .badInput(
                "\(source):1: no '\(candidates[0])' column, so this is not a \(format.rawValue.capitalized) detailed export (its header starts \(format.signature)). Check --from-format.")
        }
        let columns = format.columns
        let startDate = try column(columns.startDate, required: true)!
        let startTime = try column(columns.startTime, required: true)!
        let endDate = try column(columns.endDate, required: true)!
        let endTime = try column(columns.endTime, required: true)!
        let description = try column(columns.description, required: false)
        let task = try column(columns.task, required: false)

        var entries: [ImportedEntry] = []
        entries.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            func field(_ index: Int?) -> String {
                guard let index, index < row.fields.count else { return "" }
                return row.fields[index].trimmingWhitespace()
            }
            let where_ = "\(source):\(row.line)"
            let start = try instant(date: field(startDate), time: field(startTime), clock: clock, at: where_)
            let endDay = field(endDate).isEmpty ? field(startDate) : field(endDate)
            guard !field(endTime).isEmpty else {
                throw .badInput("\(where_): the entry has no end time (still running when it was exported); stop it in \(format.rawValue.capitalized) and export again.")
            }
            let end = try instant(date: endDay, time: field(endTime), clock: clock, at: where_)
            do {
                try WorkDates.checkSpan(start: start, end: end, clock: clock)
            } catch {
                throw .badInput("\(where_): \(error.message)")
            }
            var memo = field(description)
            let taskName = field(task)
            if !taskName.isEmpty { memo = memo.isEmpty ? taskName : "\(taskName): \(memo)" }
            entries.append(ImportedEntry(line: row.line, start: start, end: end, memo: memo.isEmpty ? nil : memo))
        }
        return entries
    }

    /// A date (`2026-11-02`, `11/02/2026` month first as both tools write by default, or
    /// `02.11.2026`) and a time (`09:05`, `09:05:00`, `9:05:00 AM`) in the VA's zone.
    static func instant(date: String, time: String, clock: WallClock, at location: String) throws(HandoffError) -> Date {
        guard let (year, month, day) = parseDate(date) else {
            throw .badInput("\(location): '\(date)' is not a date (expected 2026-11-02, 11/02/2026 or 02.11.2026).")
        }
        guard let (hour, minute, second) = parseTime(time) else {
            throw .badInput("\(location): '\(time)' is not a time of day (expected 09:05, 09:05:00 or 9:05:00 AM).")
        }
        do {
            try WorkDates.check(year: year, written: "'\(date)'")
            return try clock.instant(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        } catch {
            throw .badInput("\(location): \(error.message)")
        }
    }

    static func parseDate(_ text: String) -> (Int, Int, Int)? {
        let numbers = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map { Int($0) }
        guard numbers.count == 3, let a = numbers[0], let b = numbers[1], let c = numbers[2] else { return nil }
        if text.contains("-") { return (a, b, c) }
        if text.contains(".") { return (c, b, a) }
        // Slashes: month first unless the first number cannot be a month.
        return a > 12 ? (c, b, a) : (c, a, b)
    }

    static func parseTime(_ text: String) -> (Int, Int, Int)? {
        var value = text.uppercased()
        var shift: Int?
        if value.hasSuffix("AM") || value.hasSuffix("PM") {
            shift = value.hasSuffix("PM") ? 12 : 0
            value = String(value.dropLast(2)).trimmingWhitespace()
        }
        let parts = value.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), var hour = parts[0], let minute = parts[1] else { return nil }
        let second = parts.count == 3 ? parts[2] : 0
        guard let second else { return nil }
        if let shift {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + shift
        }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        return (hour, minute, second)
    }
}
