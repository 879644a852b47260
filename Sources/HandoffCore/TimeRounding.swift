/// How a project's billed time is rounded: each entry up to the next increment, the way
/// timesheets billed in tenths or quarters of an hour work. Only reports and receipts
/// round; the stored entries keep the seconds that were punched.
public enum TimeRounding: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case none
    /// Up to the next 6 minutes (a tenth of an hour).
    case sixMinutes
    /// Up to the next quarter of an hour.
    case fifteenMinutes

    /// The increment in seconds; nil for no rounding.
    public var incrementSeconds: Int64? {
        switch self {
        case .none: nil
        case .sixMinutes: 360
        case .fifteenMinutes: 900
        }
    }

    /// `none`, `6` or `15`: how it is written in the configuration.
    public var description: String {
        switch self {
        case .none: "none"
        case .sixMinutes: "6"
        case .fifteenMinutes: "15"
        }
    }

    public init?(minutes: Int?) {
        switch minutes {
        case nil, 0?: self = .none
        case 6?: self = .sixMinutes
        case 15?: self = .fifteenMinutes
        default: return nil
        }
    }

    /// The billed length of an entry of `seconds`: unchanged, or up to the next increment.
    /// Zero stays zero (an entry of no time bills nothing).
    public func billed(_ seconds: Int64) -> Int64 {
        guard let increment = incrementSeconds, seconds > 0 else { return max(0, seconds) }
        return (seconds + increment - 1) / increment * increment
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch text {
        case "none": self = .none
        case "6": self = .sixMinutes
        case "15": self = .fifteenMinutes
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a rounding (none, 6, 15)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
