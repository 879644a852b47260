import Foundation

/// Reads the times a VA types: `17:30`, `2026-11-30 17:30`, `2026-11-30`, or ISO 8601
/// (`2026-11-30T17:30:00+01:00`, `…Z`). Times without an offset are wall-clock times in
/// the VA's zone; an offset or `Z` pins the instant exactly.
public enum UserTime {
    /// How a bare time of day (`17:30`) is placed.
    public enum DayChoice: Sendable {
        /// Today, or yesterday when today's would be later than now: "I stopped at 17:30"
        /// typed the next morning means yesterday.
        case latestPast
        /// Always today.
        case today
    }

    public static func parse(
        _ text: String, clock: WallClock, now: Date, bareTime: DayChoice = .latestPast
    ) throws(HandoffError) -> Date {
        let trimmed = text.trimmingWhitespace()
        var scanner = Scanner(Array(trimmed.utf8))
        let example = "use 17:30, 2026-11-30 17:30, 2026-11-30 or 2026-11-30T17:30:00+01:00"
        let refuse = HandoffError.badInput("'\(text)' is not a time: \(example).")

        // A bare time of day.
        if trimmed.utf8.count <= 8, trimmed.contains(":"), !trimmed.contains("-") {
            guard let (hour, minute, second) = scanner.timeOfDay(), scanner.atEnd else { throw refuse }
            let today = clock.civil(now)
            var date = try clock.instant(year: today.year, month: today.month, day: today.day, hour: hour, minute: minute, second: second)
            if bareTime == .latestPast, date > now {
                let yesterday = clock.civil(try clock.startOfDay(now, adding: -1))
                date = try clock.instant(year: yesterday.year, month: yesterday.month, day: yesterday.day, hour: hour, minute: minute, second: second)
            }
            return date
        }

        guard let (year, month, day) = scanner.date() else { throw refuse }
        // Before the calendar sees it: year 0001 is not a daylight-saving question.
        try WorkDates.check(year: year, written: "'\(trimmed)'")
        if scanner.atEnd {
            return try clock.instantAtMidnight(year: year, month: month, day: day)
        }
        guard scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: " ")) || scanner.skip(UInt8(ascii: "t")),
              let (hour, minute, second) = scanner.timeOfDay()
        else { throw refuse }
        var fraction = 0.0
        if scanner.skip(UInt8(ascii: ".")) || scanner.skip(UInt8(ascii: ",")) {
            guard let digits = scanner.digitRun(), !digits.isEmpty else { throw refuse }
            fraction = Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0
        }
        if scanner.atEnd {
            return try clock.instant(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
                .addingTimeInterval(fraction)
        }
        // An explicit offset: the instant is exact, whatever the local zone.
        let offset: Int
        if scanner.skip(UInt8(ascii: "Z")) || scanner.skip(UInt8(ascii: "z")) {
            offset = 0
        } else {
            let negative: Bool
            if scanner.skip(UInt8(ascii: "+")) { negative = false } else if scanner.skip(UInt8(ascii: "-")) { negative = true } else { throw refuse }
            guard let hours = scanner.number(digits: 2) else { throw refuse }
            _ = scanner.skip(UInt8(ascii: ":"))
            let minutes = scanner.number(digits: 2) ?? 0
            guard hours <= 18, minutes < 60 else { throw refuse }
            offset = (negative ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        guard scanner.atEnd, (1...12).contains(month), (1...WallClock.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { throw refuse }
        let days = WallClock.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// A day (`2026-11-30`, or any time on it) for `--from`/`--to`: the midnight it starts.
    public static func day(_ text: String, clock: WallClock, now: Date) throws(HandoffError) -> Date {
        let lowered = text.trimmingWhitespace().lowercased()
        if lowered == "today" { return try clock.startOfDay(now) }
        if lowered == "yesterday" { return try clock.startOfDay(now, adding: -1) }
        let instant = try parse(text, clock: clock, now: now, bareTime: .today)
        return try clock.startOfDay(instant)
    }

    /// A period from `--from`/`--to` days, both included: `[from 00:00, the day after to)`.
    public static func period(
        from: String?, to: String?, clock: WallClock, now: Date
    ) throws(HandoffError) -> (from: Date?, to: Date?) {
        let start = try from.map { (text) throws(HandoffError) in try day(text, clock: clock, now: now) }
        let end = try to.map { (text) throws(HandoffError) in try clock.startOfDay(try day(text, clock: clock, now: now), adding: 1) }
        if let start, let end, end <= start {
            throw .usage("--to \(to ?? "") is before --from \(from ?? ""): give the first day with --from and the last with --to.")
        }
        return (start, end)
    }
}

/// A tiny forward reader over ASCII bytes.
private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func digitRun() -> ArraySlice<UInt8>? {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return bytes[start..<index]
    }

    /// Exactly `digits` digits, or 1…`digits` when `flexible`.
    mutating func number(digits: Int, flexible: Bool = false) -> Int? {
        let start = index
        guard let run = digitRun(), flexible ? (1...digits).contains(run.count) : run.count == digits else {
            index = start
            return nil
        }
        return Int(String(decoding: run, as: UTF8.self))
    }

    /// `H:mm`, `HH:mm` or `HH:mm:ss`.
    mutating func timeOfDay() -> (Int, Int, Int)? {
        guard let hour = number(digits: 2, flexible: true), skip(UInt8(ascii: ":")), let minute = number(digits: 2) else { return nil }
        var second = 0
        if skip(UInt8(ascii: ":")) {
            guard let value = number(digits: 2) else { return nil }
            second = value
        }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return (hour, minute, second)
    }

    /// `yyyy-MM-dd`.
    mutating func date() -> (Int, Int, Int)? {
        guard let year = number(digits: 4), skip(UInt8(ascii: "-")), let month = number(digits: 2),
              skip(UInt8(ascii: "-")), let day = number(digits: 2)
        else { return nil }
        return (year, month, day)
    }
}
