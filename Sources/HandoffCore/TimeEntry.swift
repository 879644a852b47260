import Foundation

/// One stretch of work on a project: from the punch clock, typed in by hand, or imported.
///
/// Times are instants (UTC underneath); they are shown in the VA's local zone. The raw
/// start and end are what is stored and what receipts list; rounding only ever applies to
/// the billed figures computed from them.
public struct TimeEntry: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var project: ProjectID
    /// The client request this work answers, if any.
    public var requestID: String?
    public var startedAt: Date
    /// Nil while the clock is running.
    public var endedAt: Date?
    public var memo: String?
    /// Typed in or imported rather than punched: shown as such to the client.
    public var manual: Bool
    public var createdAt: Date

    public init(
        id: Int64, project: ProjectID, requestID: String? = nil, startedAt: Date, endedAt: Date?,
        memo: String? = nil, manual: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.project = project
        self.requestID = requestID
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.memo = memo
        self.manual = manual
        self.createdAt = createdAt
    }

    public var isRunning: Bool { endedAt == nil }

    /// Whole seconds worked, counting a running entry up to `now`.
    public func seconds(asOf now: Date) -> Int64 {
        let end = endedAt ?? now
        return max(0, Int64((end.timeIntervalSince(startedAt)).rounded(.down)))
    }

    /// An entry longer than the project's limit is most likely a clock somebody forgot
    /// to stop; it is flagged wherever it is shown so it is fixed before it is billed.
    public func isForgotten(limitHours: Double, asOf now: Date) -> Bool {
        Double(seconds(asOf: now)) > limitHours * 3600
    }
}

/// Formats worked time for people: decimal hours for invoices, h:mm for timesheets.
public enum Hours {
    /// `1.50` for 90 minutes: two decimals, rounded half up on the hundredth of an hour.
    public static func decimal(_ seconds: Int64) -> String {
        let hundredths = (seconds * 100 + 1800) / 3600
        let whole = hundredths / 100
        let fraction = hundredths % 100
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `1:30` for 90 minutes (seconds dropped).
    public static func clock(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        let remainder = minutes % 60
        return "\(minutes / 60):\(remainder < 10 ? "0" : "")\(remainder)"
    }
}
