/// How much of a month's retainer is used, and whether that deserves a warning.
///
/// The VA and the client agreed on a number of hours a month; at 80% it is time to tell
/// the client, at 100% further work is outside the retainer.
public struct RetainerUse: Sendable, Equatable, Codable {
    public enum Level: String, Sendable, Equatable, Codable {
        case ok
        /// 80% or more used.
        case nearing
        /// 100% or more used.
        case reached
    }

    /// `2026-11`: the month in the VA's time zone.
    public var month: String
    public var retainerSeconds: Int64
    /// Billed (rounded) seconds of the entries that started in the month.
    public var usedSeconds: Int64

    public init(month: String, retainerHours: Double, usedSeconds: Int64) {
        self.month = month
        self.retainerSeconds = Int64((retainerHours * 3600).rounded())
        self.usedSeconds = usedSeconds
    }

    /// Negative once the retainer is exceeded.
    public var remainingSeconds: Int64 { retainerSeconds - usedSeconds }

    /// Whole percent used (0 for a retainer of 0 hours with nothing used).
    public var percentUsed: Int {
        guard retainerSeconds > 0 else { return usedSeconds > 0 ? 100 : 0 }
        return Int(usedSeconds * 100 / retainerSeconds)
    }

    public var level: Level {
        if retainerSeconds == 0 { return usedSeconds > 0 ? .reached : .ok }
        if usedSeconds * 100 >= retainerSeconds * 100 { return .reached }
        if usedSeconds * 100 >= retainerSeconds * 80 { return .nearing }
        return .ok
    }

    /// `Retainer 2026-11: 16.50 of 20.00 h used (82%), 3.50 h left — 80% reached`.
    public var summary: String {
        var text = "Retainer \(month): \(Hours.decimal(usedSeconds)) of \(Hours.decimal(retainerSeconds)) h used (\(percentUsed)%), "
        if remainingSeconds >= 0 {
            text += "\(Hours.decimal(remainingSeconds)) h left"
        } else {
            text += "over by \(Hours.decimal(-remainingSeconds)) h"
        }
        switch level {
        case .ok: break
        case .nearing: text += " — warning: 80% of the retainer is used"
        case .reached: text += " — warning: the retainer is used up"
        }
        return text
    }
}
