/// An IMAP folder and the account that logs in to it: where `sent_folder` keeps a copy of
/// each sent message. Here, not in the configuration or mail modules, because it is what
/// the one resolves and the other uses.
public struct IMAPFolder: Sendable {
    /// `imaps://HOST[:PORT]` or `imap://HOST[:PORT]` (STARTTLS required).
    public var serverURL: String
    public var mailbox: String
    public var username: String
    public var password: Secret
    public var trust: TLSTrust

    public init(serverURL: String, mailbox: String, username: String, password: Secret, trust: TLSTrust) {
        self.serverURL = serverURL
        self.mailbox = mailbox
        self.username = username
        self.password = password
        self.trust = trust
    }
}
