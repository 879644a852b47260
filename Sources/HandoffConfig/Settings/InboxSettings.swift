import HandoffCore

/// `[inbox]`: where client requests arrive, how often to look, and how the inbox answers.
public struct InboxSettings: Sendable {
    /// The mailboxes read, in file order; never empty (the loader gives one by default).
    /// A single `source` in `[inbox]` is one mailbox named "inbox".
    public private(set) var mailboxes: [MailboxSetting]
    /// `poll_seconds` of `[inbox]` (default 120): each mailbox's unless it sets its own.
    public var pollSeconds: Int
    /// `address`: the VA's own address(es), so the inbox never answers itself and knows
    /// which plus-addresses (`va+acme@…`) are ours. Empty when not set.
    public var ownAddresses: [EmailAddress]
    /// `acknowledge_per_sender_per_hour` (default 3): at most this many acknowledgements to
    /// one sender in an hour, whatever arrives from them.
    public var acknowledgePerSenderPerHour: Int

    public static let defaultPollSeconds = 120
    public static let defaultAcknowledgementsPerSenderPerHour = 3

    /// The first mailbox's source: what readers of the single-source inbox used.
    public var source: InboxSourceSetting { mailboxes[0].source }

    public init(
        mailbox first: MailboxSetting, _ more: [MailboxSetting] = [], pollSeconds: Int = InboxSettings.defaultPollSeconds,
        ownAddresses: [EmailAddress] = [], acknowledgePerSenderPerHour: Int = InboxSettings.defaultAcknowledgementsPerSenderPerHour
    ) {
        self.mailboxes = [first] + more
        self.pollSeconds = pollSeconds
        self.ownAddresses = ownAddresses
        self.acknowledgePerSenderPerHour = acknowledgePerSenderPerHour
    }

    /// One mailbox named "inbox", as `[inbox] source = …` reads.
    public init(source: InboxSourceSetting, pollSeconds: Int = InboxSettings.defaultPollSeconds) {
        self.init(mailbox: MailboxSetting(name: MailboxSetting.singleName, source: source, pollSeconds: pollSeconds), pollSeconds: pollSeconds)
    }
}

/// A mailbox's `source`.
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
    public var login: IMAPLogin
    public var trust: TLSTrust

    public init(url: String, tls: TLSMode, host: String, port: Int, mailbox: String, login: IMAPLogin, trust: TLSTrust = TLSTrust()) {
        self.url = url
        self.tls = tls
        self.host = host
        self.port = port
        self.mailbox = mailbox
        self.login = login
        self.trust = trust
    }

    public init(url: String, tls: TLSMode, host: String, port: Int, mailbox: String, username: String, password: Secret, trust: TLSTrust = TLSTrust()) {
        self.init(url: url, tls: tls, host: host, port: port, mailbox: mailbox, login: .password(username: username, password: password), trust: trust)
    }

    public var username: String { login.username }
    /// The password of a password login; nil for the OAuth ones.
    public var password: Secret? {
        if case .password(_, let password) = login { return password }
        return nil
    }

    public var caFile: String? { trust.caFile }
    public var insecureSkipVerify: Bool { trust.insecureSkipVerify }
}

/// How Handoff logs in to an IMAP mailbox: the ways SMTP offers, with the same keys, except
/// none at all (a mailbox is never open to anyone).
public enum IMAPLogin: Sendable {
    /// `username` and `password`: AUTHENTICATE PLAIN or LOGIN.
    case password(username: String, password: Secret)
    /// `username` and `oauth_token`: a ready access token (XOAUTH2 or OAUTHBEARER).
    case bearer(username: String, token: Secret)
    /// `username` and `oauth_client_id` with friends: tokens fetched with a refresh token.
    case oauth(username: String, client: OAuthClient)

    public var username: String {
        switch self {
        case .password(let username, _), .bearer(let username, _), .oauth(let username, _): username
        }
    }
}
