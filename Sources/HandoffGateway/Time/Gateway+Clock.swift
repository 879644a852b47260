import Foundation
import HandoffCore
import HandoffStore

/// The punch clock, with project checks and the words for what happened.
extension Gateway {
    /// What `clock in` did, and what to tell the VA.
    public struct ClockInReport: Sendable {
        public var started: TimeEntry
        public var closed: TimeEntry?
        /// The closed entry ran longer than its project's limit.
        public var closedLooksForgotten: Bool
    }

    public func clockIn(
        project projectID: String, request: String?, memo: String?, at: Date? = nil, now: Date = Date(), clock: WallClock
    ) throws(HandoffError) -> ClockInReport {
        let project = try project(projectID)
        let outcome = try store.clockIn(project: project.id, request: request, memo: memo, at: at ?? now, now: now, clock: clock)
        var forgotten = false
        if let closed = outcome.closed {
            let limit = (try? self.project(closed.project.rawValue))?.forgottenClockHours ?? 10
            forgotten = closed.isForgotten(limitHours: limit, asOf: now)
        }
        return ClockInReport(started: outcome.started, closed: outcome.closed, closedLooksForgotten: forgotten)
    }

    public func clockOut(memo: String?, at: Date?, now: Date = Date(), clock: WallClock) throws(HandoffError) -> TimeEntry {
        try store.clockOut(memo: memo, at: at ?? now, now: now, clock: clock)
    }

    public func clockNote(_ text: String) throws(HandoffError) -> TimeEntry {
        try store.clockNote(text)
    }

    public func clockStatus(now: Date = Date(), clock: WallClock) throws(HandoffError) -> ClockStatus {
        guard let entry = try store.runningEntry() else { return ClockStatus(running: nil, now: clock.iso(now)) }
        let limit = (try? project(entry.project.rawValue))?.forgottenClockHours ?? 10
        return ClockStatus(
            running: .init(
                entry: entry.id, project: entry.project.rawValue, request: entry.requestID, memo: entry.memo,
                since: clock.iso(entry.startedAt), elapsedSeconds: entry.seconds(asOf: now), limitHours: limit,
                forgotten: entry.isForgotten(limitHours: limit, asOf: now)),
            now: clock.iso(now))
    }
}
