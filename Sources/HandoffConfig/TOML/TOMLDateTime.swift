/// A TOML date-time in any of its four forms, kept as written (no time zone conversion).
///
/// The parser accepts dates because they are valid TOML and a file should never fail to
/// parse for it, but no Handoff setting takes one today: a date given where a setting
/// expects something else is reported like any other wrong type ("got the date-time …").
/// Keeping the components instead of a Foundation `Date` keeps local dates and times,
/// which have no instant, representable.
public struct TOMLDateTime: Sendable, Hashable, CustomStringConvertible {
    public struct LocalDate: Sendable, Hashable {
        public var year: Int
        public var month: Int
        public var day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    public struct LocalTime: Sendable, Hashable {
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// Fractional seconds; digits past nanoseconds are truncated, as TOML allows.
        public var nanosecond: Int

        public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.nanosecond = nanosecond
        }
    }

    public enum Form: String, Sendable {
        case offsetDateTime = "offset date-time"
        case localDateTime = "local date-time"
        case localDate = "local date"
        case localTime = "local time"
    }

    public var date: LocalDate?
    public var time: LocalTime?
    /// Minutes east of UTC; nil for local forms. `Z` is 0.
    public var offsetMinutes: Int?

    public init(date: LocalDate?, time: LocalTime?, offsetMinutes: Int? = nil) {
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    public var form: Form {
        switch (date, time, offsetMinutes) {
        case (.some, .some, .some): .offsetDateTime
        case (.some, .some, .none): .localDateTime
        case (.some, .none, _): .localDate
        default: .localTime
        }
    }

    /// RFC 3339 text: `1979-05-27T07:32:00.5-07:00`, `07:32:00`, `1979-05-27`.
    public var description: String {
        var text = ""
        if let date {
            text += pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
        }
        if let time {
            if date != nil { text += "T" }
            text += pad(time.hour, 2) + ":" + pad(time.minute, 2) + ":" + pad(time.second, 2)
            if time.nanosecond > 0 {
                var fraction = pad(time.nanosecond, 9)
                while fraction.hasSuffix("0") { fraction.removeLast() }
                text += "." + fraction
            }
        }
        if let offsetMinutes {
            if offsetMinutes == 0 {
                text += "Z"
            } else {
                let magnitude = abs(offsetMinutes)
                text += (offsetMinutes < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
            }
        }
        return text
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
