import HandoffCore

/// RFC 3339 dates and times as TOML 1.0 has them: seconds are required, the date and time
/// may be separated by `T` or a space, and fractions past nanoseconds are truncated.
extension DocumentParser {
    mutating func parseDateTime() throws(HandoffError) -> TOMLDateTime {
        let start = cursor.index
        var date: TOMLDateTime.LocalDate?
        if cursor.peek(4) == "-" {
            date = try parseDate(start: start)
            let spaceThenTime = cursor.peek() == " " && TOMLCursor.isDigit(cursor.peek(1))
                && TOMLCursor.isDigit(cursor.peek(2)) && cursor.peek(3) == ":"
            guard cursor.peek() == "T" || cursor.peek() == "t" || spaceThenTime else {
                return TOMLDateTime(date: date, time: nil)
            }
            cursor.advance()
        }
        let time = try parseTime(start: start)
        guard date != nil else { return TOMLDateTime(date: nil, time: time) }
        return TOMLDateTime(date: date, time: time, offsetMinutes: try parseOffset())
    }

    private mutating func parseDate(start: Int) throws(HandoffError) -> TOMLDateTime.LocalDate {
        let year = try fixedDigits(4, in: "date")
        try expect("-", in: "date")
        let month = try fixedDigits(2, in: "date")
        try expect("-", in: "date")
        let day = try fixedDigits(2, in: "date")
        guard (1...12).contains(month) else { throw cursor.error("invalid date: there is no month \(month)", at: start) }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else {
            throw cursor.error("invalid date: month \(month) of \(year) has no day \(day)", at: start)
        }
        return TOMLDateTime.LocalDate(year: year, month: month, day: day)
    }

    private mutating func parseTime(start: Int) throws(HandoffError) -> TOMLDateTime.LocalTime {
        let hour = try fixedDigits(2, in: "time")
        try expect(":", in: "time")
        let minute = try fixedDigits(2, in: "time")
        guard cursor.peek() == ":" else {
            throw cursor.error("expected ':' and seconds in the time (TOML 1.0 times are HH:MM:SS), found \(cursor.found)")
        }
        cursor.advance()
        let second = try fixedDigits(2, in: "time")
        var nanosecond = 0
        if cursor.peek() == "." {
            cursor.advance()
            guard TOMLCursor.isDigit(cursor.peek()) else {
                throw cursor.error("expected digits after the '.' in the time, found \(cursor.found)")
            }
            var scale = 100_000_000
            while let scalar = cursor.peek(), TOMLCursor.isDigit(scalar) {
                nanosecond += Int(scalar.value - 48) * scale
                scale /= 10
                cursor.advance()
            }
        }
        // Second 60 is a leap second, which RFC 3339 allows.
        guard hour < 24, minute < 60, second <= 60 else {
            throw cursor.error("invalid time: hours go to 23, minutes to 59, seconds to 60", at: start)
        }
        return TOMLDateTime.LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    /// `Z`, `+HH:MM`, `-HH:MM`, or nothing (a local date-time).
    private mutating func parseOffset() throws(HandoffError) -> Int? {
        switch cursor.peek() {
        case "Z", "z":
            cursor.advance()
            return 0
        case "+", "-":
            let start = cursor.index
            let negative = cursor.peek() == "-"
            cursor.advance()
            let hours = try fixedDigits(2, in: "time offset")
            try expect(":", in: "time offset")
            let minutes = try fixedDigits(2, in: "time offset")
            guard hours < 24, minutes < 60 else {
                throw cursor.error("invalid time offset: hours go to 23, minutes to 59", at: start)
            }
            return (negative ? -1 : 1) * (hours * 60 + minutes)
        default:
            return nil
        }
    }

    private mutating func fixedDigits(_ count: Int, in what: String) throws(HandoffError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let scalar = cursor.peek(), TOMLCursor.isDigit(scalar) else {
                throw cursor.error("expected a digit in the \(what), found \(cursor.found)")
            }
            value = value * 10 + Int(scalar.value - 48)
            cursor.advance()
        }
        return value
    }

    private mutating func expect(_ separator: Unicode.Scalar, in what: String) throws(HandoffError) {
        guard cursor.peek() == separator else {
            throw cursor.error("expected '\(separator)' in the \(what), found \(cursor.found)")
        }
        cursor.advance()
    }
}
