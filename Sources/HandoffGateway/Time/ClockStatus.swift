import Foundation
import HandoffCore

/// The punch clock as `clock status` shows it.
public struct ClockStatus: Sendable, Codable, Equatable {
    public struct Running: Sendable, Codable, Equatable {
        public var entry: Int64
        public var project: String
        public var request: String?
        public var memo: String?
        public var since: String
        public var elapsedSeconds: Int64
        public var limitHours: Double
        /// Running longer than the project's limit: probably forgotten.
        public var forgotten: Bool
    }

    public var running: Running?
    public var now: String

    /// One line for people, with the way out when the clock looks forgotten.
    public var line: String {
        guard let running else { return "The clock is not running." }
        var text = "Clocked in on \(running.project) since \(running.since.prefix(16).replacingOccurrences(of: "T", with: " ")) (entry \(running.entry)), \(Hours.clock(running.elapsedSeconds)) h"
        if let memo = running.memo { text += " — \(memo)" }
        if running.forgotten {
            text += "\nwarning: running for more than \(ClockStatus.plain(running.limitHours)) h: a forgotten clock? Stop it when you did with `handoff clock out --at TIME`."
        }
        return text
    }

    static func plain(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(hours)
    }
}
