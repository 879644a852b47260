import Foundation
import HandoffCore

/// The time log as people and spreadsheets read it: one line per entry, totals per project
/// and day, the retainer per month, and warnings (forgotten clocks, retainer thresholds).
///
/// Rounding is applied per entry (as billed); raw seconds are always shown alongside.
public struct TimeReport: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var id: Int64
        public var project: String
        public var request: String?
        public var start: String
        public var end: String?
        public var running: Bool
        public var manual: Bool
        public var memo: String?
        public var rawSeconds: Int64
        public var billedSeconds: Int64
        /// Longer than the project's forgotten-clock limit.
        public var forgotten: Bool
    }

    public struct DayTotal: Sendable, Codable, Equatable {
        public var day: String
        public var entries: Int
        public var rawSeconds: Int64
        public var billedSeconds: Int64
    }

    public struct ProjectTotal: Sendable, Codable, Equatable {
        public var project: String
        public var name: String
        public var rounding: String
        public var entries: Int
        public var rawSeconds: Int64
        public var billedSeconds: Int64
        public var days: [DayTotal]
        public var retainer: [RetainerUse]
    }

    public var timeZone: String
    public var from: String?
    public var to: String?
    public var lines: [Line]
    public var projects: [ProjectTotal]
    public var warnings: [String]

    /// - Parameters:
    ///   - entries: every entry of the months the period touches (the retainer counts whole
    ///     months); lines and totals keep only those overlapping `[from, to)`.
    ///   - projects: the configured projects, for names, rounding, limits and retainers.
    public init(
        entries: [TimeEntry], projects: [Project], from: Date?, to: Date?, clock: WallClock, now: Date
    ) {
        timeZone = clock.zone.identifier
        self.from = from.map(clock.day)
        self.to = try? to.map { (date) throws(HandoffError) in clock.day(try clock.startOfDay(date, adding: -1)) }
        var byID: [String: Project] = [:]
        for project in projects { byID[project.id.rawValue] = project }

        var lines: [Line] = []
        var warnings: [String] = []
        var totals: [String: ProjectTotal] = [:]
        var dayTotals: [String: [String: DayTotal]] = [:]
        var monthUse: [String: [String: Int64]] = [:]
        lines.reserveCapacity(entries.count)
        for entry in entries {
            let project = byID[entry.project.rawValue]
            let rounding = project?.rounding ?? .none
            let raw = entry.seconds(asOf: now)
            let billed = rounding.billed(raw)
            if project?.retainerHours != nil {
                monthUse[entry.project.rawValue, default: [:]][clock.month(entry.startedAt), default: 0] += billed
            }
            let inPeriod = (to.map { entry.startedAt < $0 } ?? true) && (from.map { (entry.endedAt ?? now) > $0 } ?? true)
            guard inPeriod else { continue }
            let forgotten = entry.isForgotten(limitHours: project?.forgottenClockHours ?? 10, asOf: now)
            lines.append(Line(
                id: entry.id, project: entry.project.rawValue, request: entry.requestID, start: clock.iso(entry.startedAt),
                end: entry.endedAt.map(clock.iso), running: entry.isRunning, manual: entry.manual, memo: entry.memo,
                rawSeconds: raw, billedSeconds: billed, forgotten: forgotten))
            if forgotten {
                let fix = entry.isRunning ? "`handoff clock out --at TIME`" : "`handoff time edit \(entry.id) --end TIME`"
                warnings.append(
                    "Entry \(entry.id) on '\(entry.project)' \(entry.isRunning ? "has been running" : "ran") \(Hours.clock(raw)) h since \(clock.minute(entry.startedAt)), over the \(Self.plain(project?.forgottenClockHours ?? 10)) h limit: a forgotten clock? Fix it with \(fix).")
            }
            let key = entry.project.rawValue
            var total = totals[key] ?? ProjectTotal(
                project: key, name: project?.name ?? key, rounding: rounding.description, entries: 0, rawSeconds: 0,
                billedSeconds: 0, days: [], retainer: [])
            total.entries += 1
            total.rawSeconds += raw
            total.billedSeconds += billed
            totals[key] = total
            let day = clock.day(entry.startedAt)
            var dayTotal = dayTotals[key]?[day] ?? DayTotal(day: day, entries: 0, rawSeconds: 0, billedSeconds: 0)
            dayTotal.entries += 1
            dayTotal.rawSeconds += raw
            dayTotal.billedSeconds += billed
            dayTotals[key, default: [:]][day] = dayTotal
        }

        // The retainer of every month the report covers, also months with no work yet.
        let firstMonth = from.map(clock.month) ?? lines.first.map { String($0.start.prefix(7)) }
        let lastMonth = (to.map { $0.addingTimeInterval(-1) }).map(clock.month) ?? clock.month(now)
        for key in totals.keys.sorted() {
            guard let project = byID[key], let hours = project.retainerHours else { continue }
            let months = Self.months(from: firstMonth ?? lastMonth, through: lastMonth)
            totals[key]?.retainer = months.map { month in
                RetainerUse(month: month, retainerHours: hours, usedSeconds: monthUse[key]?[month] ?? 0)
            }
            for use in totals[key]?.retainer ?? [] where use.level != .ok {
                warnings.append("\(project.id): \(use.summary)")
            }
        }
        for key in totals.keys {
            totals[key]?.days = (dayTotals[key] ?? [:]).values.sorted { $0.day < $1.day }
        }
        self.lines = lines
        self.projects = totals.values.sorted { $0.project < $1.project }
        self.warnings = warnings
    }

    /// `2026-09` … `2026-11`, at most 120 months.
    static func months(from first: String, through last: String) -> [String] {
        func parts(_ text: String) -> Int? {
            let pieces = text.split(separator: "-")
            guard pieces.count == 2, let year = Int(pieces[0]), let month = Int(pieces[1]) else { return nil }
            return year * 12 + month - 1
        }
        guard let start = parts(first), let end = parts(last), end >= start else { return [last] }
        return (max(start, end - 119)...end).map { index in
            "\(index / 12)-\(index % 12 + 1 < 10 ? "0" : "")\(index % 12 + 1)"
        }
    }

    static func plain(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(hours)
    }
}
