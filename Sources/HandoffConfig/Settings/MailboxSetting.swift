import Foundation

/// One mailbox the inbox reads: `[[inbox.mailbox]]`, or the single `source` of `[inbox]`.
public struct MailboxSetting: Sendable {
    /// Keys the mailbox's checkpoint in the store: renaming a mailbox reads it anew from `since`.
    public var name: String
    public var source: InboxSourceSetting
    public var pollSeconds: Int
    /// How far back the first poll of a mailbox reaches.
    public var since: SinceSetting
    /// IMAP only: processed mail is moved to this folder instead of only being flagged seen.
    public var processedFolder: String?
    /// A larger message is recorded with its headers and a note, not parsed.
    public var maxMessageMB: Int
    /// Whether to wait with IMAP IDLE between polls when the server offers it.
    public var idle: Bool

    /// The name of the mailbox a single `[inbox] source` makes.
    public static let singleName = "inbox"
    public static let defaultMaxMessageMB = 50

    public init(
        name: String, source: InboxSourceSetting, pollSeconds: Int = InboxSettings.defaultPollSeconds, since: SinceSetting = .defaultValue,
        processedFolder: String? = nil, maxMessageMB: Int = MailboxSetting.defaultMaxMessageMB, idle: Bool = true
    ) {
        self.name = name
        self.source = source
        self.pollSeconds = pollSeconds
        self.since = since
        self.processedFolder = processedFolder
        self.maxMessageMB = maxMessageMB
        self.idle = idle
    }

    public var maxMessageBytes: Int64 { Int64(maxMessageMB) * 1_048_576 }
}

/// `since`: a number of days back from the first poll (`"7d"`), or a day (`2026-11-01`).
public enum SinceSetting: Sendable, Equatable {
    case days(Int)
    /// The start of that day on this machine's clock.
    case date(Date)

    public static let defaultValue = SinceSetting.days(7)

    /// The earliest arrival the first poll at `now` imports.
    public func start(now: Date) -> Date {
        switch self {
        case .days(let days): now.addingTimeInterval(-Double(days) * 86_400)
        case .date(let date): date
        }
    }
}
