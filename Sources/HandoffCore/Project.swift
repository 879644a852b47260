/// A project's identifier: the key under `[projects.<id>]`, the outbox folder name.
///
/// Restricted to lower-case letters, digits, `-` and `_` so it is safe as a folder name
/// and in URLs, and never `.`/`..`.
public struct ProjectID: Sendable, Hashable, TextCodable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) throws(HandoffError) {
        guard Self.isValid(rawValue) else {
            throw .badInput("'\(rawValue)' is not a valid project id: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit.")
        }
        self.rawValue = rawValue
    }

    /// An id read back from the store, which checked it when it was written (and checks
    /// it again where a row is read, naming the row when it is not valid).
    package init(stored rawValue: String) {
        self.rawValue = rawValue
    }

    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 64 else { return false }
        let isLowerAlnum: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return isLowerAlnum(first) && text.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "-" || $0 == "_" }
    }

    public var description: String { rawValue }
    public static func < (lhs: ProjectID, rhs: ProjectID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(parsing text: String) throws(HandoffError) {
        try self.init(text)
    }

    public var codableText: String { rawValue }
}

/// How a project's work goes out.
public enum DeliveryRoute: String, Sendable, Codable, CaseIterable {
    /// Always as an attachment; too large is an error.
    case email
    /// Always as an upload plus an email with a download link.
    case link
    /// As an attachment when it fits, else as a link.
    case auto
}

/// A client project, as configured.
public struct Project: Sendable, Equatable, Codable {
    public var id: ProjectID
    public var name: String
    /// Default recipients of deliveries; also who may send requests.
    public var contacts: [EmailAddress]
    /// The recipient guard: nothing goes to an address these rules do not allow.
    public var allow: [AllowRule]
    public var deliver: DeliveryRoute
    public var archive: ArchiveFormat
    public var encrypt: Bool
    public var retainerHours: Double?
    /// How billed time is rounded in reports and receipts (the raw entries are kept).
    public var rounding: TimeRounding
    /// A clock running longer than this is flagged as probably forgotten.
    public var forgottenClockHours: Double
    /// Whether a new request from this client gets a short "received" reply (off unless asked:
    /// some clients dislike automatic mail).
    public var acknowledge: Bool
    /// The VA's own words for that reply, one paragraph; nil for the standard text.
    public var acknowledgeText: String?

    public init(
        id: ProjectID, name: String, contacts: [EmailAddress], allow: [AllowRule],
        deliver: DeliveryRoute = .auto, archive: ArchiveFormat = .zip, encrypt: Bool = false,
        retainerHours: Double? = nil, rounding: TimeRounding = .none, forgottenClockHours: Double = 10,
        acknowledge: Bool = false, acknowledgeText: String? = nil
    ) {
        self.id = id
        self.name = name
        self.contacts = contacts
        self.allow = allow
        self.deliver = deliver
        self.archive = archive
        self.encrypt = encrypt
        self.retainerHours = retainerHours
        self.rounding = rounding
        self.forgottenClockHours = forgottenClockHours
        self.acknowledge = acknowledge
        self.acknowledgeText = acknowledgeText
    }
}
