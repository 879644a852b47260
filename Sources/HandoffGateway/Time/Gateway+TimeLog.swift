import Foundation
import HandoffConfig
import HandoffCore
import HandoffStore
import HandoffTime

/// The time log: adding, editing, listing, reporting and importing entries.
extension Gateway {
    public func addTimeEntry(
        project projectID: String, request: String?, start: Date, end: Date, memo: String?, now: Date = Date(), clock: WallClock
    ) throws(HandoffError) -> TimeEntry {
        let project = try project(projectID)
        return try store.addTimeEntry(.init(project: project.id, request: request, start: start, end: end, memo: memo), now: now, clock: clock)
    }

    public func editTimeEntry(
        _ id: Int64, change: HandoffStore.TimeEntryChange, reason: String?, now: Date = Date(), clock: WallClock
    ) throws(HandoffError) -> HandoffStore.EditOutcome {
        try store.editTimeEntry(id, change: change, reason: reason, now: now, clock: clock)
    }

    /// The report over `[from, to)`; the retainer counts the whole months it touches.
    public func timeReport(project projectID: String?, from: Date?, to: Date?, now: Date = Date(), clock: WallClock) throws(HandoffError) -> TimeReport {
        let project = try projectID.map { (id) throws(HandoffError) in try self.project(id) }
        let monthStart = try from.map { (date) throws(HandoffError) in try clock.startOfMonth(date) }
        let monthEnd = try to.map { (date) throws(HandoffError) in try clock.startOfMonth(date.addingTimeInterval(-1), adding: 1) }
        let entries = try store.timeEntries(project: project?.id, from: monthStart, to: monthEnd)
        return TimeReport(entries: entries, projects: config.projects, from: from, to: to, clock: clock, now: now)
    }

    /// Imports a Toggl or Clockify export into `project`. Entries already imported are
    /// skipped; nothing is added when any row is wrong.
    public func importTime(
        file path: String, format: TimesheetFormat, project projectID: String, now: Date = Date(), clock: WallClock
    ) throws(HandoffError) -> (added: Int, skipped: Int) {
        let project = try project(projectID)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badInput("Cannot read \(path): no such file, or it is not readable.")
        }
        let rows = try TimesheetImport.parse(String(decoding: data, as: UTF8.self), format: format, source: path, clock: clock)
        return try store.importTimeEntries(
            rows.map { HandoffStore.NewTimeEntry(project: project.id, start: $0.start, end: $0.end, memo: $0.memo) }, now: now, clock: clock)
    }
}
