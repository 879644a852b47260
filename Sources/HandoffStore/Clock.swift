import Foundation
import GRDB
import HandoffCore

/// The punch clock: at most one entry runs at a time, across every project.
extension HandoffStore {
    /// What `clockIn` did.
    public struct ClockInOutcome: Sendable, Equatable {
        public var started: TimeEntry
        /// The entry that was running elsewhere and was closed to start this one.
        public var closed: TimeEntry?
    }

    public func runningEntry() throws(HandoffError) -> TimeEntry? {
        try read("read the running clock") { db in try Self.running(db)?.entry }
    }

    static func running(_ db: Database) throws -> TimeEntryRecord? {
        try TimeEntryRecord.filter(Column("endedAt") == nil).fetchOne(db)
    }

    /// Starts the clock on `project`. A clock running on another project (or another
    /// request) is closed at `at` in the same transaction; one already running on the same
    /// project and request is an error, so a double `clock in` never splits an entry.
    /// `at` obeys the limits of a typed entry: in range, not in the future, and the entry
    /// it closes no longer than a week.
    public func clockIn(
        project: ProjectID, request: String?, memo: String?, at: Date, now: Date, clock: WallClock
    ) throws(HandoffError) -> ClockInOutcome {
        try Self.checkClockTime(at, now: now, clock: clock, action: "clock in")
        return try write("clock in") { db in
            let request = request.map(Self.storedRequestID)
            if let request { try Self.checkRequest(db, request, project: project) }
            var closed: TimeEntry?
            if var running = try Self.running(db) {
                if running.projectId == project.rawValue && running.requestId == request {
                    throw StoreError.clockRunning(project: project.rawValue, since: clock.minute(running.startedAt), entry: running.id ?? 0)
                }
                let tooEarly = "Cannot clock in at \(clock.minute(at)): entry \(running.id ?? 0) on '\(running.projectId)' has been running since \(clock.minute(running.startedAt)), later than that."
                try Self.stop(&running, at: at, now: now, clock: clock, action: "clock in", tooEarly: tooEarly)
                try running.update(db)
                closed = running.entry
            }
            var record = TimeEntryRecord(projectId: project.rawValue, requestId: request, startedAt: at, memo: memo.nonEmpty, createdAt: at)
            try record.insert(db)
            return ClockInOutcome(started: record.entry, closed: closed)
        }
    }

    /// Stops the running clock at `at` (now, or the time a forgotten clock should have
    /// stopped); the memo, if given, is added to the entry's. A clock that started in the
    /// future (a wrong system clock, or a store from before such starts were refused) is
    /// stopped at its own start, with no time: it cannot have run, and it must not block
    /// the clock for good.
    public func clockOut(memo: String?, at: Date, now: Date, clock: WallClock) throws(HandoffError) -> TimeEntry {
        try write("clock out") { db in
            guard var running = try Self.running(db) else {
                throw StoreError.clockNotRunning
            }
            let tooEarly = "Cannot clock out at \(clock.minute(at)): entry \(running.id ?? 0) on '\(running.projectId)' started at \(clock.minute(running.startedAt)), after that."
            try Self.stop(&running, at: at, now: now, clock: clock, action: "clock out", tooEarly: tooEarly)
            running.memo = Self.joinMemo(running.memo, memo)
            try running.update(db)
            return running.entry
        }
    }

    /// Adds a memo to the running entry (what is being worked on right now).
    public func clockNote(_ text: String) throws(HandoffError) -> TimeEntry {
        guard let note = text.nonEmpty else { throw .usage("The note is empty; write what you are working on.") }
        return try write("add a note to the running clock") { db in
            guard var running = try Self.running(db) else {
                throw StoreError.noEntryToNote
            }
            running.memo = Self.joinMemo(running.memo, note)
            try running.update(db)
            return running.entry
        }
    }

    static func joinMemo(_ existing: String?, _ addition: String?) -> String? {
        guard let addition = addition.nonEmpty else { return existing }
        guard let existing = existing.nonEmpty else { return addition }
        return existing + "; " + addition
    }

    /// Refuses a request that is not in the store, belongs to another project, or belongs
    /// to none yet (unmatched): work for one client never answers, bills or threads onto
    /// another client's request.
    public func checkRequest(_ request: String, project: ProjectID) throws(HandoffError) {
        try read("check a request") { db in try Self.checkRequest(db, Self.storedRequestID(request), project: project) }
    }

    static func checkRequest(_ db: Database, _ request: String, project: ProjectID) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT projectId FROM request WHERE id = ?", arguments: [request]) else {
            throw StoreError.noSuchRequest(request)
        }
        guard let owner = row["projectId"] as String? else {
            throw StoreError.requestUnmatched(request)
        }
        guard owner == project.rawValue else {
            throw HandoffError.badInput("Request '\(request)' belongs to project '\(owner)', not '\(project)'.")
        }
    }
}

extension Optional where Wrapped == String {
    /// The text trimmed, or nil when there is none.
    var nonEmpty: String? {
        guard let text = self?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}

extension String {
    var nonEmpty: String? { Optional(self).nonEmpty }
}
