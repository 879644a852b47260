import Foundation

/// The dates Handoff accepts for work: the years 2000 to 2100.
///
/// A time log is about work a VA did or is doing, so a year outside this span is always a
/// typing slip (0001, 9999) or an export with a broken column. Refusing it where it comes in
/// keeps such values out of the store, where they would later make every listing, report
/// and receipt of the project unreadable.
public enum WorkDates {
    public static let years: ClosedRange<Int> = 2000...2100

    /// Said in every refusal, so a VA knows what would be accepted.
    public static let rule = "Handoff accepts dates in the years \(years.lowerBound) to \(years.upperBound)"

    /// Refuses a local calendar year outside `years`; `written` is the date as the VA typed it.
    public static func check(year: Int, written: String) throws(HandoffError) {
        guard years.contains(year) else {
            throw .badInput("\(written) is out of range: \(rule). Check the year.")
        }
    }

    /// Refuses an instant whose year (in `clock`'s zone) is outside `years`.
    public static func check(_ date: Date, clock: WallClock) throws(HandoffError) {
        try check(year: clock.civil(date).year, written: clock.minute(date))
    }

    /// One entry's start and end: both in range, in order, and at most a week apart.
    /// Every way an entry comes in (typed, imported, clocked, edited) goes through here, so
    /// nothing the store cannot read back, and no stretch that bills absurd hours, is written.
    public static func checkSpan(start: Date, end: Date, clock: WallClock) throws(HandoffError) {
        try check(start, clock: clock)
        try check(end, clock: clock)
        guard end > start else {
            throw .badInput("The entry would end (\(clock.minute(end))) before it starts (\(clock.minute(start))).")
        }
        guard end.timeIntervalSince(start) <= maximumSeconds else {
            throw .badInput("An entry from \(clock.minute(start)) to \(clock.minute(end)) is longer than a week; split it into the days it covers.")
        }
    }

    /// The longest entry accepted: a week.
    public static let maximumSeconds: TimeInterval = 7 * 86_400
}
