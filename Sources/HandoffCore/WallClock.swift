import Foundation

/// Instants shown and read as the VA's wall-clock time in one time zone.
///
/// Formatting works from the zone's offset at each instant plus calendar arithmetic on
/// days, so it is exact across daylight-saving changes and fast enough for reports over
/// tens of thousands of entries.
public struct WallClock: Sendable {
    public let zone: TimeZone

    public init(zone: TimeZone) {
        self.zone = zone
    }

    /// The zone named by `TZ` (as the C library reads it, a leading `:` allowed), else
    /// the system's.
    public static func local(environment: [String: String] = ProcessInfo.processInfo.environment) -> WallClock {
        if let name = zoneName(environment), let zone = TimeZone(identifier: name) { return WallClock(zone: zone) }
        return WallClock(zone: .current)
    }

    /// The warning to show when `TZ` is set but names no zone Handoff knows: times would
    /// otherwise be read and shown in another zone without a word. Nil when all is well.
    public static func unknownZoneWarning(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let name = zoneName(environment), TimeZone(identifier: name) == nil else { return nil }
        return "TZ='\(name)' is not a time zone Handoff knows, so times are read and shown in \(local(environment: environment).zone.identifier). Set TZ to a zone name such as Europe/Berlin (see /usr/share/zoneinfo), or unset it."
    }

    /// `TZ` as the C library reads it (a leading `:` allowed); nil when unset or empty.
    private static func zoneName(_ environment: [String: String]) -> String? {
        guard var name = environment["TZ"], !name.isEmpty else { return nil }
        if name.hasPrefix(":") { name.removeFirst() }
        return name
    }

    /// The civil date and time of an instant in this zone.
    public struct Civil: Sendable, Equatable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// Seconds east of UTC at that instant.
        public var offset: Int
    }

    public func civil(_ date: Date) -> Civil {
        let offset = zone.secondsFromGMT(for: date)
        let local = Int64((date.timeIntervalSince1970).rounded(.down)) + Int64(offset)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        return Civil(year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60, second: secondOfDay % 60, offset: offset)
    }

    /// `2026-11-30`
    public func day(_ date: Date) -> String {
        let c = civil(date)
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))-\(Self.pad(c.day))"
    }

    /// `2026-11`
    public func month(_ date: Date) -> String {
        let c = civil(date)
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))"
    }

    /// `17:30`
    public func time(_ date: Date) -> String {
        let c = civil(date)
        return "\(Self.pad(c.hour)):\(Self.pad(c.minute))"
    }

    /// `2026-11-30 17:30`: what a VA reads and types.
    public func minute(_ date: Date) -> String {
        let c = civil(date)
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month))-\(Self.pad(c.day)) \(Self.pad(c.hour)):\(Self.pad(c.minute))"
    }

    /// `2026-11-30T17:30:00+01:00`: ISO 8601 with the offset that applied then.
    ///
    /// Written digit by digit into one buffer: receipts format hundreds of thousands of
    /// these, and string interpolation of padded pieces was a visible share of that.
    public func iso(_ date: Date) -> String {
        let c = civil(date)
        let offset = abs(c.offset)
        var out = [UInt8](repeating: 0, count: 25)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var value = value
            for index in stride(from: at + width - 1, through: at, by: -1) {
                out[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(c.year, 0, 4)
        out[4] = UInt8(ascii: "-")
        put(c.month, 5, 2)
        out[7] = UInt8(ascii: "-")
        put(c.day, 8, 2)
        out[10] = UInt8(ascii: "T")
        put(c.hour, 11, 2)
        out[13] = UInt8(ascii: ":")
        put(c.minute, 14, 2)
        out[16] = UInt8(ascii: ":")
        put(c.second, 17, 2)
        out[19] = c.offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        put(offset / 3600, 20, 2)
        out[22] = UInt8(ascii: ":")
        put(offset % 3600 / 60, 23, 2)
        return String(decoding: out, as: UTF8.self)
    }

    /// The instant a local date and time names, refusing a time that does not exist on
    /// that day (skipped by a daylight-saving change). A time that happens twice (the
    /// hour repeated in autumn) is the first of the two.
    public func instant(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) throws(HandoffError) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let written = "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day)) \(Self.pad(hour)):\(Self.pad(minute))"
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              let date = calendar.date(from: components)
        else {
            throw .badInput("'\(written)' is not a date and time that exists.")
        }
        let back = civil(date)
        guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute else {
            throw .badInput("\(written) does not exist in \(zone.identifier): the clocks skip that hour for daylight saving. Give the time after the change, or an ISO 8601 time with its offset.")
        }
        return date
    }

    /// Midnight starting the day `days` after the one `date` falls on (0: that day).
    public func startOfDay(_ date: Date, adding days: Int = 0) throws(HandoffError) -> Date {
        let c = civil(date)
        let epochDays = Self.daysSinceEpoch(year: c.year, month: c.month, day: c.day) + Int64(days)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: epochDays)
        return try instantAtMidnight(year: year, month: month, day: day)
    }

    /// The first instant of the month `months` after the one `date` falls in.
    public func startOfMonth(_ date: Date, adding months: Int = 0) throws(HandoffError) -> Date {
        let c = civil(date)
        let index = c.year * 12 + (c.month - 1) + months
        return try instantAtMidnight(year: index / 12, month: index % 12 + 1, day: 1)
    }

    /// Midnight, or the first minute after it that exists (a few zones change at 00:00).
    func instantAtMidnight(year: Int, month: Int, day: Int) throws(HandoffError) -> Date {
        if let date = try? instant(year: year, month: month, day: day) { return date }
        return try instant(year: year, month: month, day: day, hour: 1)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, days since 1970-01-01)

    static func civilDate(daysSinceEpoch days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
