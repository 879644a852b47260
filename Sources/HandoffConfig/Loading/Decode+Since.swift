import Foundation
import HandoffCore

extension SinceSetting {
    /// `since = "7d"`, `"2026-11-01"` or the TOML date `2026-11-01`.
    static func decode(_ section: SectionReader) throws(HandoffError) -> SinceSetting? {
        guard let value = section.entry("since")?.value else { return nil }
        let expected = "a number of days like \"7d\", or a day like \"2026-11-01\""
        switch value.kind {
        case .string(let text):
            let trimmed = text.trimmingWhitespace().lowercased()
            if trimmed.hasSuffix("d"), let days = Int(trimmed.dropLast()), !trimmed.hasPrefix("+") {
                guard (0...3650).contains(days) else { throw section.invalid("since", value, "is out of range; use 0d to 3650d.") }
                return .days(days)
            }
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2] else {
                throw section.invalid("since", value, "is not \(expected).")
            }
            guard let date = startOfDay(year, month, day) else { throw section.invalid("since", value, "is not a day of the calendar; use \(expected).") }
            return .date(date)
        case .datetime(let written):
            guard written.form == .localDate, let day = written.date else {
                throw section.invalid("since", value, "has a time of day; give the day alone, like 2026-11-01, or a number of days like \"7d\".")
            }
            guard let date = startOfDay(day.year, day.month, day.day) else { throw section.invalid("since", value, "is not a day of the calendar; use \(expected).") }
            return .date(date)
        default:
            throw section.wrongType("since", value, expected: expected)
        }
    }

    /// Midnight of that day on this machine's clock, the day a person means; nil for a day
    /// the calendar does not have (2026-02-30).
    private static func startOfDay(_ year: Int, _ month: Int, _ day: Int) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        guard (1970...9999).contains(year),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day)
        else { return nil }
        return date
    }
}
