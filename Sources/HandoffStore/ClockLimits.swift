import Foundation
import HandoffCore

/// The limits a punch time shares with typed entries, so a clock set to 1970 or
/// 2030 never turns into an entry that bills years.
extension HandoffStore {
    /// How far ahead of this machine's clock a punch may be: clocks of two machines
    /// sharing a store drift a little.
    static let clockSkew: TimeInterval = 60

    /// A punch time: in range, and not in the future beyond the skew.
    static func checkClockTime(_ at: Date, now: Date, clock: WallClock, action: String) throws(HandoffError) {
        try WorkDates.check(at, clock: clock)
        guard at <= now.addingTimeInterval(clockSkew) else {
            throw .badInput("Cannot \(action) at \(clock.minute(at)): that is in the future (it is \(clock.minute(now))).")
        }
    }

    /// Ends `running` at `at` within the limits (`tooEarly` is the refusal when `at` is not
    /// after its start). A clock that started in the future ends at its own start, with no
    /// time: it cannot have run, and it must not block the clock for good.
    static func stop(
        _ running: inout TimeEntryRecord, at: Date, now: Date, clock: WallClock, action: String, tooEarly: String
    ) throws {
        if startedInFuture(running, now: now) {
            running.endedAt = running.startedAt
            return
        }
        guard at > running.startedAt else { throw HandoffError.badInput(tooEarly) }
        try checkClockTime(at, now: now, clock: clock, action: action)
        try checkStop(running, at: at, clock: clock, action: action)
        running.endedAt = at.wholeMilliseconds
    }

    /// Stopping `running` at `at` makes an entry a typed one could be; if not, the error
    /// says why, for the front end to add how to stop it instead.
    private static func checkStop(_ running: TimeEntryRecord, at: Date, clock: WallClock, action: String) throws(StoreError) {
        do {
            try WorkDates.checkSpan(start: running.startedAt, end: at, clock: clock)
        } catch {
            throw .runningTooLong(
                action: action, at: clock.minute(at), entry: running.id ?? 0, project: running.projectId,
                since: clock.minute(running.startedAt), detail: error.message)
        }
    }

    /// A running entry that starts after now (beyond the skew) cannot have run yet.
    static func startedInFuture(_ running: TimeEntryRecord, now: Date) -> Bool {
        running.startedAt > now.addingTimeInterval(clockSkew)
    }
}
