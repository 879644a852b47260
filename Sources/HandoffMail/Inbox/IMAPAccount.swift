import HandoffCore

/// The IMAP server and mailbox an inbox reads, and how it logs in: the inbox's own
/// description of its peer, filled in from `[[inbox.mailbox]]` by whoever reads the
/// configuration (as `SMTPServer` is for the SMTP transport).
public struct IMAPAccount: Sendable {
    public var host: String
    public var port: Int
    /// `imap://` (STARTTLS required) or `imaps://`.
    public var tls: TLSMode
    /// The mailbox polled, `INBOX` for most.
    public var mailbox: String
    public var login: Login
    public var trust: TLSTrust
    /// Seconds for each network step.
    public var timeoutSeconds: Int

    public enum Login: Sendable {
        /// PLAIN or LOGIN, whichever the server offers.
        case password(username: String, password: Secret)
        /// XOAUTH2 / OAUTHBEARER with a ready access token.
        case bearer(username: String, token: Secret)
        /// XOAUTH2 / OAUTHBEARER with access tokens fetched with a refresh token.
        case oauth(username: String, client: OAuthClient)

        public var username: String {
            switch self {
            case .password(let user, _), .bearer(let user, _), .oauth(let user, _): user
            }
        }
    }

    public init(host: String, port: Int, tls: TLSMode, mailbox: String = "INBOX", login: Login, trust: TLSTrust = TLSTrust(), timeoutSeconds: Int = 60) {
        self.host = host
        self.port = port
        self.tls = tls
        self.mailbox = mailbox
        self.login = login
        self.trust = trust
        self.timeoutSeconds = timeoutSeconds
    }

    /// `va@example.com at imap.example.com:993`, for errors and logs.
    var account: String { "\(login.username) at \(host):\(port)" }
}
