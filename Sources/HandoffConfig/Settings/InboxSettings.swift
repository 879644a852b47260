import HandoffCore

/// `[inbox]`: where client requests arrive and how often to look.
public struct InboxSettings: Sendable {
    public var source: InboxSourceSetting
    /// `poll_seconds` (default 120).
    public var pollSeconds: Int

    public static let defaultPollSeconds = 120

    public init(source: InboxSourceSetting, pollSeconds: Int = InboxSettings.defaultPollSeconds) {
        self.source = source
        self.pollSeconds = pollSeconds
    }
}

/// `inbox.source`.
public enum InboxSourceSetting: Sendable {
    /// `maildir:PATH`: a Maildir any MDA or mail client can deliver into (absolute).
    case maildir(path: String)
    /// `imaps://HOST[:PORT]/MAILBOX` or `imap://…` (STARTTLS required).
    case imap(IMAPSettings)
}

public struct IMAPSettings: Sendable {
    /// The source URL as written.
    public var url: String
    public var tls: TLSMode
    public var host: String
    /// From the URL, else 993 for `imaps://` and 143 for `imap://`.
    public var port: Int
    /// From the URL path, percent-decoded; `INBOX` when the URL has none.
    public var mailbox: String
    public var username: String
    public var password: Secret
    public var trust: TLSTrust

    public init(url: String, tls: TLSMode, host: String, port: Int, mailbox: String, username: String, password: Secret, trust: TLSTrust = TLSTrust()) {
        self.url = url
        self.tls = tls
        self.host = host
        self.port = port
        self.mailbox = mailbox
        self.username = username
        self.password = password
        self.trust = trust
    }

    public var caFile: String? { trust.caFile }
    public var insecureSkipVerify: Bool { trust.insecureSkipVerify }
}
